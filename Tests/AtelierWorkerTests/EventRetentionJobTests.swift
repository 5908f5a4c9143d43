import AtelierDomain
import AtelierPostgres
import AtelierTestSupport
import AtelierWorker
import Foundation
import Logging
import Testing

/// `retention:events` through the worker: the daily system job fans out to the tenants
/// with a policy, and a tenant's run that hits its batch limit queues its continuation.
@Suite("Event retention job")
struct EventRetentionJobTests {
    private func withDatabase(_ body: (PostgresPool) async throws -> Void) async throws {
        let database = try await TestDatabase.create(migrationsDirectory: TestDatabase.repositoryMigrations)
        let pool = database.makePool(size: 3)
        do {
            try await body(pool)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    private func makeWorker(_ pool: PostgresPool, batchSize: Int, maximumBatches: Int) -> Worker {
        let queue = JobQueue(pool: pool)
        let job = EventRetentionJob(
            retention: EventRetention(pool: pool, batchSize: batchSize, maximumBatches: maximumBatches),
            policies: EventRetentionPolicies(pool: pool), queue: queue)
        return Worker(
            queue: queue, schedules: JobSchedules(pool: pool), handlers: [job],
            configuration: WorkerConfiguration(owner: "retention-test"), logger: TestLogger.make("test"))
    }

    /// A tenant with `old` events from 2019 and one from today.
    private func tenant(_ pool: PostgresPool, slug: String, old: Int) async throws -> Tenant {
        let tenant = try await TenantDirectory(pool: pool).create(name: slug, slug: slug)
        try await pool.execute(
            """
            INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at, channel)
            SELECT $1, gen_random_uuid(), gen_random_uuid(), 'm-' || n, 'track', 'Viewed',
                   CASE WHEN n <= $2 THEN timestamptz '2019-06-01' + n * interval '1 hour' ELSE now() END, now(), 'web'
            FROM generate_series(1, $2 + 1) AS n
            """, [tenant.id, old])
        return tenant
    }

    private func eventCount(_ pool: PostgresPool, _ tenant: Tenant) async throws -> Int {
        try await pool.query("SELECT count(*) AS n FROM events WHERE tenant_id = $1", [tenant.id]).first?
            .decode(Int.self, column: "n") ?? -1
    }

    @Test func theSystemRunFansOutToTenantsWithAPolicyOnly() async throws {
        try await withDatabase { pool in
            let withPolicy = try await tenant(pool, slug: "with-policy", old: 3)
            let without = try await tenant(pool, slug: "without", old: 3)
            try await EventRetentionPolicies(pool: pool).set(tenantID: withPolicy.id, months: 12, mode: .delete, by: .cli)
            try await JobQueue(pool: pool).enqueue(kind: EventRetentionJob.kindName, tenantID: nil)
            let worker = makeWorker(pool, batchSize: 100, maximumBatches: 10)

            while await worker.runOnce() {}

            #expect(try await eventCount(pool, withPolicy) == 1)
            #expect(try await eventCount(pool, without) == 4)
            let runs = try await JobQueue(pool: pool).list(tenantID: withPolicy.id, status: .succeeded, limit: 10)
            #expect(runs.count == 1)
            #expect(try await JobQueue(pool: pool).list(tenantID: without.id, status: nil, limit: 10).isEmpty)
        }
    }

    @Test func aRunThatHitsItsBatchLimitQueuesItsContinuation() async throws {
        try await withDatabase { pool in
            let tenant = try await tenant(pool, slug: "backlog", old: 7)
            try await EventRetentionPolicies(pool: pool).set(tenantID: tenant.id, months: 12, mode: .anonymise, by: .cli)
            try await JobQueue(pool: pool).enqueue(kind: EventRetentionJob.kindName, tenantID: tenant.id)
            let worker = makeWorker(pool, batchSize: 2, maximumBatches: 2)

            while await worker.runOnce() {}

            #expect(try await eventCount(pool, tenant) == 1)
            let runs = try await JobQueue(pool: pool).list(tenantID: tenant.id, status: .succeeded, limit: 10)
            #expect(runs.count == 2, "7 events at 4 per run: one run and one continuation")
            let verdict = try await AuditTrail(pool: pool).verify(tenantID: tenant.id)
            #expect(verdict.isIntact)
            #expect(verdict.lastSequence == 4, "tenant.created, retention.policy.changed, two runs")
        }
    }
}
