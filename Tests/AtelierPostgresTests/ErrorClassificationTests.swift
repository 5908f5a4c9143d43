import AtelierPostgres
import Testing

@Suite("Server errors arrive typed")
struct ErrorClassificationTests {
    @Test func aDuplicateKeyIsAUniqueViolationNamingTheConstraint() async throws {
        try await withPool { pool in
            try await pool.execute("CREATE TABLE people (email text CONSTRAINT people_email_key UNIQUE)")
            try await pool.execute("INSERT INTO people VALUES ($1)", ["ada@example.com"])
            let error = try await #require(throws: PostgresError.self) {
                try await pool.execute("INSERT INTO people VALUES ($1)", ["ada@example.com"])
            }
            #expect(error.kind == .uniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.constraint == "people_email_key")
            #expect(error.query == "INSERT INTO people VALUES ($1)")
            #expect(!error.description.contains("ada@example.com"))
        }
    }

    @Test func syntaxErrorsAndMissingTablesAreTyped() async throws {
        try await withPool { pool in
            let syntax = try await #require(throws: PostgresError.self) { try await pool.query("SELEKT 1") }
            #expect(syntax.kind == .syntaxError)
            let missing = try await #require(throws: PostgresError.self) { try await pool.query("SELECT * FROM nowhere") }
            #expect(missing.kind == .undefinedTable)
        }
    }

    @Test func theStatementTimeoutCancelsASlowQuery() async throws {
        try await withPool(configure: { $0.statementTimeout = .seconds(1) }) { pool in
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(30)") }
            #expect(error.kind == .queryCanceled)
            #expect(try await pool.query("SELECT 1 AS one").first?.decode(Int.self, column: "one") == 1)
        }
    }

    @Test func cancellingTheTaskCancelsTheRunningQuery() async throws {
        try await withPool { pool in
            let clock = ContinuousClock()
            let start = clock.now
            let query = Task { try await pool.query("SELECT pg_sleep(120) AS cancel_me") }
            try await waitUntilRunning("SELECT pg_sleep(120) AS cancel_me", pool: pool)
            query.cancel()
            let error = try await #require(throws: PostgresError.self) { try await query.value }
            #expect(error.kind == .queryCanceled)
            // Far below the 120 s sleep: the query was cancelled, not finished (a liveness bound
            // loose enough for a saturated machine, not a speed assertion).
            #expect(start.duration(to: clock.now) < .seconds(60))
        }
    }

    /// Polls pg_stat_activity until `sql` is executing, so cancelling hits the running query
    /// rather than the wait for a connection, however loaded the machine is.
    private func waitUntilRunning(_ sql: String, pool: PostgresPool) async throws {
        for _ in 0..<200 {
            let running = try await pool.query(
                "SELECT count(*) AS running FROM pg_stat_activity WHERE state = 'active' AND query = $1", [sql])
            if try running.first?.decode(Int.self, column: "running") == 1 { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        Issue.record("the query never started")
    }
}
