import AtelierPostgres
import AtelierTestSupport
import Foundation
import Testing

@Suite("Connection pool")
struct PoolTests {
    @Test func fiftyConcurrentRequestsShareFourConnectionsWithoutExceedingThem() async throws {
        let applicationName = "atelier-pool-\(UUID().uuidString.prefix(8))"
        // A generous acquire timeout: this test is about the bound, not latency, and must hold on a loaded machine.
        let configure: (inout PostgresConfiguration) -> Void = {
            $0.applicationName = applicationName
            $0.acquireTimeout = .seconds(60)
        }
        try await withPool(size: 4, configure: configure) { pool in
            let observed = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        let rows = try await pool.query(
                            "SELECT count(*) AS open, pg_sleep(0.02)::text AS slept FROM pg_stat_activity WHERE application_name = $1",
                            [applicationName])
                        return try rows.first?.decode(Int.self, column: "open") ?? 0
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(observed.count == 50)
            #expect(observed.allSatisfy { (1...4).contains($0) })
            #expect(pool.statistics.size <= 4)
            #expect(pool.statistics.inUse == 0)
        }
    }

    @Test func waitingLongerThanTheAcquireTimeoutFailsWithPoolTimeout() async throws {
        try await withPool(size: 1, configure: { $0.acquireTimeout = .milliseconds(200) }) { pool in
            let release = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await pool.withConnection { _ in
                    for await _ in release.stream {}
                }
            }
            while pool.statistics.inUse == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error.kind == .poolTimeout)
            release.continuation.finish()
            try await holder.value
            #expect(try await pool.query("SELECT 1 AS one").count == 1)
        }
    }

    @Test func theNextQuerySucceedsAfterTheServerTerminatesEveryPooledConnection() async throws {
        try await TestDatabase.with { database in
            let pool = database.makePool(size: 2)
            let admin = database.makePool(size: 1) { $0.applicationName = "atelier-admin" }
            let before = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first).decode(Int32.self, column: "pid")
            let terminated = try await admin.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
            #expect(terminated.count >= 1)
            // The premise is a connection the server has already closed: wait until its backend
            // is really gone (slow on a loaded machine), else the query meets a dying backend.
            var gone = false
            for _ in 0..<1000 where !gone {
                gone = try await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [before]).isEmpty
                if !gone { try await Task.sleep(for: .milliseconds(10)) }
            }
            try #require(gone)
            let after = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").first).decode(Int32.self, column: "pid")
            #expect(after != before)
        }
    }

    @Test func aClosedPoolRefusesNewWork() async throws {
        try await TestDatabase.with { database in
            let pool = database.makePool(size: 2)
            _ = try await pool.query("SELECT 1")
            await pool.close()
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error.kind == .poolClosed)
            #expect(pool.statistics.size == 0)
        }
    }

    @Test func aConnectionUsedAfterItsBodyReturnedRefusesToRun() async throws {
        try await withPool { pool in
            let escaped = try await pool.withConnection { $0 }
            let error = try await #require(throws: PostgresError.self) { try await escaped.query("SELECT 1") }
            #expect(error.kind == .connectionReleased)
        }
    }

    @Test func anUnreachableServerFailsWithConnectionFailure() async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(connectionString: "postgresql://nobody@127.0.0.1:1/none", poolSize: 1),
            logger: .init(label: "test"))
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.kind == .connectionFailure)
        await pool.close()
    }
}
