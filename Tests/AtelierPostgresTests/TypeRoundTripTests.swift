import AtelierPostgres
import Foundation
import Testing

@Suite("Values round-trip through PostgreSQL unchanged")
struct TypeRoundTripTests {
    @Test func textWithUnicodeEmojiAndSQLMetacharactersIsStoredVerbatim() async throws {
        let values = [
            "'; DROP TABLE notes; --", "Crème brûlée — «déjà vu»", "👩🏽‍🎨🧵✂️", "tab\tnew\nline\rcr", "back\\slash \"quoted\"",
            "$1 $2 ? %s", "",
        ]
        try await withPool { pool in
            try await pool.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)")
            for (id, value) in values.enumerated() {
                try await pool.execute("INSERT INTO notes (id, body) VALUES ($1, $2)", [id, value])
            }
            let rows = try await pool.query("SELECT body FROM notes ORDER BY id")
            #expect(try rows.map { try $0.decode(String.self, column: "body") } == values)
            #expect(try await pool.query("SELECT count(*) AS n FROM notes").first?.decode(Int.self, column: "n") == values.count)
        }
    }

    @Test func integersRoundTripAtTheirLimits() async throws {
        try await withPool { pool in
            let row = try #require(
                try await pool.query(
                    "SELECT $1::bigint AS a, $2::bigint AS b, $3::int AS c, $4::smallint AS d, $5::bigint AS e",
                    [Int64.max, Int64.min, Int32.min, Int16.max, -42]
                ).first)
            #expect(try row.decode(Int64.self, column: "a") == .max)
            #expect(try row.decode(Int64.self, column: "b") == .min)
            #expect(try row.decode(Int32.self, column: "c") == .min)
            #expect(try row.decode(Int16.self, column: "d") == .max)
            #expect(try row.decode(Int.self, column: "e") == -42)
        }
    }

    @Test func doublesRoundTripExactlyIncludingSpecialValues() async throws {
        let values: [Double] = [0.1, -1e-300, 1.7976931348623157e308, .pi, .infinity, -.infinity]
        try await withPool { pool in
            for value in values {
                let row = try #require(try await pool.query("SELECT $1::float8 AS v", [value]).first)
                #expect(try row.decode(Double.self, column: "v") == value)
            }
            let nan = try #require(try await pool.query("SELECT $1::float8 AS v", [Double.nan]).first)
            #expect(try nan.decode(Double.self, column: "v").isNaN)
        }
    }

    @Test func numericKeepsEveryDecimalDigit() async throws {
        let values = ["12345678901234567890.123456789012345678", "-0.000000000000000001", "0", "99999999999999999999"]
        try await withPool { pool in
            for text in values {
                let value = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                let row = try #require(try await pool.query("SELECT $1::numeric AS v, $1::numeric::text AS t", [value]).first)
                #expect(try row.decode(Decimal.self, column: "v") == value)
                #expect(try row.decode(String.self, column: "t") == text)
            }
        }
    }

    @Test func numericBeyondDecimalPrecisionIsRefusedNotRounded() async throws {
        try await withPool { pool in
            let row = try #require(try await pool.query("SELECT 1234567890123456789012345678901234567890.5::numeric AS v").first)
            #expect(throws: PostgresError.self) { try row.decode(Decimal.self, column: "v") }
        }
    }

    @Test func timestamptzKeepsMicroseconds() async throws {
        let micros: Int64 = 1_714_563_000_123_456
        let date = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        try await withPool { pool in
            let row = try #require(
                try await pool.query(
                    "SELECT $1::timestamptz AS v, extract(epoch FROM $1::timestamptz) * 1000000 AS micros, "
                        + "'2024-05-01 14:30:00.5+02:00'::timestamptz AS offset_input, '0044-03-15 BC'::date AS ides",
                    [date]
                ).first)
            let decoded = try row.decode(Date.self, column: "v")
            #expect(Int64((decoded.timeIntervalSince1970 * 1_000_000).rounded()) == micros)
            #expect(try row.decode(Decimal.self, column: "micros") == Decimal(micros))
            #expect(try row.decode(Date.self, column: "offset_input") == Date(timeIntervalSince1970: 1_714_566_600.5))
            let ides = try row.decode(Date.self, column: "ides")
            #expect(ides.postgresText == "0044-03-15 00:00:00.000000+00 BC")
        }
    }

    @Test func byteaKeepsZeroBytesAndEveryByteValue() async throws {
        let bytes: [UInt8] = [0, 0, 1, 255, 0] + (0...255).map(UInt8.init)
        try await withPool { pool in
            let row = try #require(
                try await pool.query("SELECT $1::bytea AS a, $2::bytea AS b, length($1::bytea) AS n", [bytes, Data(bytes)]).first)
            #expect(try row.decode([UInt8].self, column: "a") == bytes)
            #expect(try row.decode(Data.self, column: "b") == Data(bytes))
            #expect(try row.decode(Int.self, column: "n") == bytes.count)
        }
    }

    @Test func jsonbRoundTripsAsJSON() async throws {
        struct Payload: Codable, Equatable {
            var name: String
            var tags: [String]
        }
        let payload = Payload(name: "Zoë \"Z\" 🎨", tags: ["a,b", "c\\d"])
        try await withPool { pool in
            let row = try #require(
                try await pool.query("SELECT $1::jsonb AS v, $1::jsonb ->> 'name' AS name", [try PostgresJSON(encoding: payload)])
                    .first)
            #expect(try row.decode(PostgresJSON.self, column: "v").decode(Payload.self) == payload)
            #expect(try row.decode(String.self, column: "name") == payload.name)
        }
    }

    @Test func uuidsAndBooleansRoundTrip() async throws {
        let id = UUID()
        try await withPool { pool in
            let row = try #require(try await pool.query("SELECT $1::uuid AS id, $2::bool AS yes, $3::bool AS no", [id, true, false]).first)
            #expect(try row.decode(UUID.self, column: "id") == id)
            #expect(try row.decode(Bool.self, column: "yes"))
            #expect(try !row.decode(Bool.self, column: "no"))
        }
    }

    @Test func textArraysKeepQuotesCommasBracesBackslashesAndNulls() async throws {
        let values: [String?] = ["plain", "with,comma", "with \"quotes\"", "back\\slash", "{braces}", "NULL", nil, "", " padded "]
        try await withPool { pool in
            let row = try #require(
                try await pool.query("SELECT $1::text[] AS v, array_length($1::text[], 1) AS n, ($1::text[])[7] IS NULL AS seventh_null", [values]).first)
            #expect(try row.decode([String?].self, column: "v") == values)
            #expect(try row.decode(Int.self, column: "n") == values.count)
            #expect(try row.decode(Bool.self, column: "seventh_null"))
        }
    }

    @Test func arraysOfIntegersAndUUIDsWorkWithAny() async throws {
        let ids = [UUID(), UUID(), UUID()]
        try await withPool { pool in
            try await pool.execute("CREATE TABLE items (id uuid PRIMARY KEY, rank bigint)")
            for (rank, id) in ids.enumerated() {
                try await pool.execute("INSERT INTO items VALUES ($1, $2)", [id, rank])
            }
            let byID = try await pool.query("SELECT rank FROM items WHERE id = ANY($1) ORDER BY rank", [[ids[0], ids[2]]])
            #expect(try byID.map { try $0.decode(Int64.self, column: "rank") } == [0, 2])
            let byRank = try await pool.query("SELECT array_agg(id ORDER BY rank) AS ids FROM items WHERE rank = ANY($1)", [[Int64(1), 2]])
            #expect(try byRank.first?.decode([UUID].self, column: "ids") == [ids[1], ids[2]])
            let empty = try await pool.query("SELECT count(*) AS n FROM items WHERE id = ANY($1)", [[UUID]()])
            #expect(try empty.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test func nullsDecodeAsNilForOptionalTypes() async throws {
        try await withPool { pool in
            let none: String? = nil
            let row = try #require(try await pool.query("SELECT $1::text AS t, NULL::int AS i, NULL::timestamptz AS d", [none]).first)
            #expect(try row.decode(String?.self, column: "t") == nil)
            #expect(try row.decode(Int?.self, column: "i") == nil)
            #expect(try row.decode(Date?.self, column: "d") == nil)
            #expect(row.isNull("t"))
        }
    }

    @Test func nullIntoANonOptionalTypeThrowsADecodingErrorNamingTheColumn() async throws {
        try await withPool { pool in
            let row = try #require(try await pool.query("SELECT NULL::int AS missing_count").first)
            let error = try #require(throws: PostgresError.self) { try row.decode(Int.self, column: "missing_count") }
            #expect(error.kind == .decoding(column: "missing_count", type: "Int", value: nil))
            #expect(error.query == "SELECT NULL::int AS missing_count")
        }
    }

    @Test func aValueOfTheWrongTypeThrowsADecodingError() async throws {
        try await withPool { pool in
            let row = try #require(try await pool.query("SELECT 'abc'::text AS word").first)
            let error = try #require(throws: PostgresError.self) { try row.decode(UUID.self, column: "word") }
            #expect(error.kind == .decoding(column: "word", type: "UUID", value: "abc"))
            #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "no_such_column") }
        }
    }

    @Test func textWithANulByteIsRefusedBeforeReachingTheServer() async throws {
        try await withPool { pool in
            let error = try await #require(throws: PostgresError.self) {
                try await pool.query("SELECT $1::text, $2::text", ["fine", "bad\u{0}byte"])
            }
            #expect(error.kind == .invalidParameter(index: 2))
        }
    }
}
