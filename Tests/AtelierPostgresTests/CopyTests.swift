import AtelierPostgres
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    private static let awkward = ["tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.", "é🎨", "", "a\\tb"]

    private func awkwardRow(_ index: Int) -> [String?] {
        [String(index), Self.awkward[index % Self.awkward.count] + String(index), index % 7 == 0 ? nil : "n\(index)"]
    }

    @Test func copyingAHundredThousandRowsKeepsEveryAwkwardCharacter() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE imported (id int PRIMARY KEY, body text NOT NULL, note text)")
            let copied = try await pool.withConnection { connection in
                try await connection.copyFrom(
                    "COPY imported (id, body, note) FROM STDIN", rows: (0..<100_000).lazy.map(awkwardRow))
            }
            #expect(copied == 100_000)
            let sample = try await pool.query("SELECT id, body, note FROM imported WHERE id < 20 ORDER BY id")
            for row in sample {
                let id = try row.decode(Int.self, column: "id")
                #expect([try row.decode(String.self, column: "id"), try row.decode(String.self, column: "body"),
                          try row.decode(String?.self, column: "note")] == awkwardRow(id))
            }
            let totals = try #require(try await pool.query(
                "SELECT count(*) AS n, count(note) AS notes, sum(length(body)) AS chars FROM imported").first)
            let expectedChars = (0..<100_000).reduce(0) { $0 + (awkwardRow($1)[1]?.count ?? 0) }
            #expect(try totals.decode(Int.self, column: "n") == 100_000)
            #expect(try totals.decode(Int.self, column: "notes") == 100_000 - (0..<100_000).filter { $0 % 7 == 0 }.count)
            #expect(try totals.decode(Int.self, column: "chars") == expectedChars)
        }
    }

    @Test func rowsCanBeStreamedInBatchesFromAnAsyncSequence() async throws {
        let batches = AsyncStream<[[String?]]> { continuation in
            for batch in 0..<10 {
                continuation.yield((0..<1000).map { ["\(batch * 1000 + $0)", "batch \(batch)"] })
            }
            continuation.finish()
        }
        try await withPool { pool in
            try await pool.execute("CREATE TABLE streamed (id int PRIMARY KEY, label text)")
            let copied = try await pool.withConnection { connection in
                try await connection.copyFrom("COPY streamed FROM STDIN", batches: batches)
            }
            #expect(copied == 10_000)
            #expect(try await pool.query("SELECT count(*) AS n FROM streamed").first?.decode(Int.self, column: "n") == 10_000)
        }
    }

    @Test func aFailingBatchSourceAbortsTheCopyAndStoresNothing() async throws {
        struct SourceFailed: Error {}
        let batches = AsyncThrowingStream<[[String?]], any Error> { continuation in
            continuation.yield([["1", "kept?"]])
            continuation.finish(throwing: SourceFailed())
        }
        try await withPool(size: 1) { pool in
            try await pool.execute("CREATE TABLE streamed (id int PRIMARY KEY, label text)")
            await #expect(throws: SourceFailed.self) {
                try await pool.withConnection { connection in
                    try await connection.copyFrom("COPY streamed FROM STDIN", batches: batches)
                }
            }
            #expect(try await pool.query("SELECT count(*) AS n FROM streamed").first?.decode(Int.self, column: "n") == 0)
        }
    }
}
