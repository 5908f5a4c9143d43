@testable import AtelierPostgres
import Foundation
import Testing

@Suite("Text formats, without a server")
struct TextFormatTests {
    @Test func copyTextEscapesTheCharactersThatEndFieldsAndRows() {
        var encoder = CopyTextEncoder()
        encoder.append(row: ["a\tb", "c\nd", "e\rf", "g\\h", nil, ""])
        #expect(String(decoding: encoder.takeBuffer(), as: UTF8.self) == "a\\tb\tc\\nd\te\\rf\tg\\\\h\t\\N\t\n")
        #expect(encoder.buffer.isEmpty)
    }

    @Test func arrayLiteralsParseQuotedBareAndNullElements() throws {
        let parsed = try PostgresArrayLiteral.decode(#"{plain,"with,comma","esc\"aped",NULL,"NULL", spaced ,\{x}"#, column: "c", as: [String].self)
        #expect(parsed == ["plain", "with,comma", "esc\"aped", nil, "NULL", "spaced", "{x"])
        #expect(try PostgresArrayLiteral.decode("[0:1]={7,8}", column: "c", as: [Int].self) == ["7", "8"])
        #expect(try PostgresArrayLiteral.decode("{}", column: "c", as: [Int].self) == [])
        #expect(throws: PostgresError.self) { try PostgresArrayLiteral.decode("{{1},{2}}", column: "c", as: [Int].self) }
        #expect(throws: PostgresError.self) { try PostgresArrayLiteral.decode("{\"open", column: "c", as: [Int].self) }
    }

    @Test func timestampsFormatAndParseAcrossEras() throws {
        let cases: [(String, Double)] = [
            ("1970-01-01 00:00:00.000000+00", 0),
            ("1969-12-31 23:59:59.999999+00", -0.000001),
            ("2000-02-29 12:00:00.500000+00", 951_825_600.5),
        ]
        for (text, seconds) in cases {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(PostgresTimestamp.format(date) == text)
            let parsed = try #require(PostgresTimestamp.parse(text))
            #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_000_5)
        }
        #expect(PostgresTimestamp.parse("2024-05-01 12:00:00+05:30")?.timeIntervalSince1970 == 1_714_545_000)
        #expect(PostgresTimestamp.parse("2024-05-01") == Date(timeIntervalSince1970: 1_714_521_600))
        #expect(PostgresTimestamp.parse("infinity") == .distantFuture)
        #expect(PostgresTimestamp.parse("yesterday") == nil)
    }

    @Test func migrationFileNamesNeedFourDigitsAnUnderscoreAndAName() {
        #expect(MigrationDirectory.parse("0001_foundation.sql")! == (1, "foundation"))
        #expect(MigrationDirectory.parse("20240501_add_orders.sql")! == (20_240_501, "add_orders"))
        #expect(MigrationDirectory.parse("001_short.sql") == nil)
        #expect(MigrationDirectory.parse("0001.sql") == nil)
        #expect(MigrationDirectory.parse("0001_.sql") == nil)
    }

    @Test func aConnectionStringGetsItsDatabaseReplaced() throws {
        let rewritten = try PostgresConnectionString.replacingDatabase(
            in: "postgresql://atelier@127.0.0.1:54329/postgres?application_name=x", with: "other")
        #expect(rewritten.contains("dbname='other'"))
        #expect(rewritten.contains("port='54329'"))
        #expect(!rewritten.contains("postgres'"))
    }
}
