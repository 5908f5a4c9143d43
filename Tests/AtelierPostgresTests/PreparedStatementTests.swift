import AtelierPostgres
import Testing

@Suite("Prepared statements are cached per connection")
struct PreparedStatementTests {
    @Test func repeatingASQLTextReusesOnePreparedStatement() async throws {
        try await withPool(size: 1) { pool in
            let sql = "SELECT $1::int + 1 AS next"
            for value in 1...3 {
                _ = try await pool.query(sql, [value])
            }
            let prepared = try await pool.query(
                "SELECT count(*) AS statements, sum(generic_plans + custom_plans) AS executions "
                    + "FROM pg_prepared_statements WHERE statement = $1",
                [sql])
            let row = try #require(prepared.first)
            #expect(try row.decode(Int.self, column: "statements") == 1)
            #expect(try row.decode(Int.self, column: "executions") == 3)
        }
    }

    @Test func statementsArePreparedAgainAfterDeallocateAll() async throws {
        try await withPool(size: 1) { pool in
            let sql = "SELECT $1::text AS echo"
            _ = try await pool.query(sql, ["before"])
            try await pool.withConnection { connection in try await connection.executeScript("DEALLOCATE ALL") }
            let row = try #require(try await pool.query(sql, ["after"]).first)
            #expect(try row.decode(String.self, column: "echo") == "after")
        }
    }

    @Test func aSchemaChangeUnderACachedStatementIsRecoveredOutsideTransactions() async throws {
        try await withPool(size: 1) { pool in
            try await pool.execute("CREATE TABLE things (a int)")
            try await pool.execute("INSERT INTO things VALUES (1)")
            _ = try await pool.query("SELECT * FROM things")
            try await pool.execute("ALTER TABLE things ADD COLUMN b text DEFAULT 'x'")
            let row = try #require(try await pool.query("SELECT * FROM things").first)
            #expect(try row.decode(String.self, column: "b") == "x")
        }
    }
}
