import AtelierDomain
import AtelierPostgres
import AtelierTestSupport
import AtelierWorker
import Foundation
import Logging
import Synchronization
import Testing

/// A handler whose behaviour each test chooses: count runs, fail a number of times, or wait.
private final class ScriptedHandler: JobHandler {
    let kind: String
    private let failuresBeforeSuccess: Int
    private let runs = Mutex(0)

    init(kind: String = "test:scripted", failuresBeforeSuccess: Int = 0) {
        self.kind = kind
        self.failuresBeforeSuccess = failuresBeforeSuccess
    }

    var runCount: Int { runs.withLock { $0 } }

    func run(_ job: Job) async throws -> String? {
        let attempt = runs.withLock { runs in
            runs += 1
            return runs
        }
        if attempt <= failuresBeforeSuccess {
            throw ScriptedFailure(attempt: attempt)
        }
        return #"{"attempt":\#(attempt)}"#
    }
}

private struct ScriptedFailure: Error, CustomStringConvertible {
    var attempt: Int
    var description: String { "scripted failure on attempt \(attempt)" }
}

@Suite("Worker and job queue")
struct WorkerTests {
    private func makeWorker(pool: PostgresPool, handler: any JobHandler, owner: String = "test-worker") -> Worker {
        Worker(
            queue: JobQueue(pool: pool, retryPolicy: RetryPolicy(base: .zero, maximum: .zero)),
            schedules: JobSchedules(pool: pool), handlers: [handler],
            configuration: WorkerConfiguration(lease: .seconds(30), owner: owner), logger: TestLogger.make("test"))
    }

    private func makeTenant(_ pool: PostgresPool) async throws -> Tenant {
        try await TenantDirectory(pool: pool).create(name: "Test", slug: "t-\(UUID().uuidString.prefix(8).lowercased())")
    }

    /// A fresh migrated database with one tenant, dropped afterwards whatever happens.
    private func withTenantDatabase(poolSize: Int, _ body: (PostgresPool, Tenant) async throws -> Void) async throws {
        let database = try await TestDatabase.create(migrationsDirectory: TestDatabase.repositoryMigrations)
        let pool = database.makePool(size: poolSize)
        do {
            try await body(pool, try await makeTenant(pool))
        } catch {
            await pool.close()
            await database.drop()
            throw error
        }
        await pool.close()
        await database.drop()
    }

    @Test func anEnqueuedJobRunsOnceAndRecordsItsResult() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let handler = ScriptedHandler()
            let job = try await JobQueue(pool: pool).enqueue(kind: handler.kind, tenantID: tenant.id)
            let worker = makeWorker(pool: pool, handler: handler)

            #expect(await worker.runOnce())
            #expect(await !worker.runOnce())

            let finished = try await JobQueue(pool: pool).find(tenantID: tenant.id, jobID: job.id)
            #expect(finished.status == .succeeded)
            #expect(finished.result == #"{"attempt": 1}"#)
            #expect(handler.runCount == 1)
        }
    }

    @Test func aFailingJobIsRetriedUntilItSucceeds() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let handler = ScriptedHandler(failuresBeforeSuccess: 2)
            let job = try await JobQueue(pool: pool).enqueue(kind: handler.kind, tenantID: tenant.id, maxAttempts: 5)
            let worker = makeWorker(pool: pool, handler: handler)

            for _ in 0..<3 { #expect(await worker.runOnce()) }

            let finished = try await JobQueue(pool: pool).find(tenantID: tenant.id, jobID: job.id)
            #expect(finished.status == .succeeded)
            #expect(finished.attempts == 3)
            #expect(finished.lastError == "scripted failure on attempt 2")
        }
    }

    @Test func aJobThatKeepsFailingIsMarkedDeadAfterItsLastAttempt() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let handler = ScriptedHandler(failuresBeforeSuccess: 100)
            let job = try await JobQueue(pool: pool).enqueue(kind: handler.kind, tenantID: tenant.id, maxAttempts: 2)
            let worker = makeWorker(pool: pool, handler: handler)

            #expect(await worker.runOnce())
            #expect(await worker.runOnce())
            #expect(await !worker.runOnce())

            let dead = try await JobQueue(pool: pool).find(tenantID: tenant.id, jobID: job.id)
            #expect(dead.status == .dead)
            #expect(dead.attempts == 2)
            #expect(dead.finishedAt != nil)
        }
    }

    @Test func backoffDelaysTheNextAttempt() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let queue = JobQueue(pool: pool, retryPolicy: RetryPolicy(base: .seconds(600), maximum: .seconds(3600)))
            let job = try await queue.enqueue(kind: "test:scripted", tenantID: tenant.id)
            let claimed = try #require(try await queue.claim(owner: "a", kinds: ["test:scripted"], lease: .seconds(30)))
            try await queue.fail(job: claimed, owner: "a", error: "boom")

            let again = try await queue.claim(owner: "a", kinds: ["test:scripted"], lease: .seconds(30))
            let waiting = try await queue.find(tenantID: tenant.id, jobID: job.id)

            #expect(again == nil)
            #expect(waiting.status == .queued)
            #expect(waiting.runAt.timeIntervalSinceNow > 500)
        }
    }

    @Test func aJobWhoseLeaseExpiredIsClaimedByAnotherWorker() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let queue = JobQueue(pool: pool)
            let job = try await queue.enqueue(kind: "test:scripted", tenantID: tenant.id)
            _ = try #require(try await queue.claim(owner: "crashed", kinds: ["test:scripted"], lease: .seconds(60)))
            #expect(try await queue.claim(owner: "survivor", kinds: ["test:scripted"], lease: .seconds(60)) == nil)

            // The crashed worker never heartbeats; time passing is simulated by ending its lease.
            try await pool.execute(
                "UPDATE jobs SET lease_expires_at = now() - interval '1 second' WHERE job_id = $1", [job.id])
            let reclaimed = try #require(
                try await queue.claim(owner: "survivor", kinds: ["test:scripted"], lease: .seconds(60)))

            #expect(reclaimed.id == job.id)
            #expect(reclaimed.attempts == 2)
        }
    }

    @Test func concurrentWorkersRunEachJobExactlyOnce() async throws {
        try await withTenantDatabase(poolSize: 6) { pool, tenant in
            let handler = ScriptedHandler()
            for _ in 0..<30 {
                try await JobQueue(pool: pool).enqueue(kind: handler.kind, tenantID: tenant.id)
            }
            let workers = (0..<3).map { makeWorker(pool: pool, handler: handler, owner: "worker-\($0)") }

            await withTaskGroup(of: Void.self) { group in
                for worker in workers {
                    group.addTask { while await worker.runOnce() {} }
                }
            }

            let succeeded = try await JobQueue(pool: pool).list(tenantID: tenant.id, status: .succeeded, limit: 100)
            #expect(handler.runCount == 30)
            #expect(succeeded.count == 30)
            #expect(succeeded.allSatisfy { $0.attempts == 1 })
        }
    }

    @Test func enqueueingWithTheSameDedupeKeyReturnsTheQueuedJob() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            let queue = JobQueue(pool: pool)

            let first = try await queue.enqueue(kind: "train:recommender", tenantID: tenant.id, dedupeKey: "nightly")
            let second = try await queue.enqueue(kind: "train:recommender", tenantID: tenant.id, dedupeKey: "nightly")

            #expect(first.id == second.id)
            #expect(try await queue.list(tenantID: tenant.id, status: nil, limit: 10).count == 1)
        }
    }

    @Test func aDueScheduleFiresOnceEvenWhenSchedulersRace() async throws {
        try await withTenantDatabase(poolSize: 4) { pool, tenant in
            let schedules = JobSchedules(pool: pool)
            try await schedules.upsert(name: "nightly", tenantID: tenant.id, kind: "test:scripted", every: .seconds(86_400))

            let fired = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 { group.addTask { try await schedules.fireDue() } }
                return try await group.reduce(0, +)
            }

            #expect(fired == 1)
            #expect(try await JobQueue(pool: pool).list(tenantID: tenant.id, status: .queued, limit: 10).count == 1)
            #expect(try await schedules.fireDue() == 0)
        }
    }

    @Test func aJobOfAnotherTenantIsNotFound() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, owner in
            let stranger = try await makeTenant(pool)
            let job = try await JobQueue(pool: pool).enqueue(kind: "test:scripted", tenantID: owner.id)

            await #expect(throws: DomainError.notFound(resource: "job", id: job.id.uuidString)) {
                try await JobQueue(pool: pool).find(tenantID: stranger.id, jobID: job.id)
            }
        }
    }

    @Test func messageIDRetentionPurgesOnlyIdsOlderThanTheWindow() async throws {
        try await withTenantDatabase(poolSize: 2) { pool, tenant in
            try await pool.execute(
                """
                INSERT INTO event_message_ids (tenant_id, message_id, received_at) VALUES
                    ($1, 'fresh', now() - interval '7 days'), ($1, 'stale', now() - interval '9 days')
                """, [tenant.id])
            let job = PurgeEventMessageIDsJob(retention: MessageIDRetention(pool: pool))
            let queue = JobQueue(pool: pool)
            try await queue.enqueue(kind: job.kind, tenantID: nil)
            let claimed = try #require(try await queue.claim(owner: "test", kinds: [job.kind], lease: .seconds(30)))
            #expect(try await job.run(claimed) == #"{"purged":1}"#)
            let left = try await pool.query("SELECT message_id FROM event_message_ids", [])
            #expect(try left.map { try $0.decode(String.self, column: "message_id") } == ["fresh"])
        }
    }
}
