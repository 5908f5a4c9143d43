import AtelierPostgres
import Foundation

/// Applies a tenant's retention policy to its events, in bounded batches: each batch is
/// one short transaction of at most `batchSize` events (locked with `SKIP LOCKED`, so
/// concurrent runs share the work), and one run stops after `maximumBatches`, so no run
/// holds a worker or a lock for long. Each run appends one audit entry with its counts.
public struct EventRetention: Sendable {
    private let pool: PostgresPool
    public let batchSize: Int
    public let maximumBatches: Int

    public init(pool: PostgresPool, batchSize: Int = 1000, maximumBatches: Int = 200) {
        self.pool = pool
        self.batchSize = max(batchSize, 1)
        self.maximumBatches = max(maximumBatches, 1)
    }

    /// Runs the tenant's policy once; nil when it has none. `jobID` names the run in the
    /// audit entry. A run that fails midway records what it had done, then rethrows.
    public func apply(tenantID: UUID, jobID: UUID?) async throws -> EventRetentionRun? {
        guard let policy = try await EventRetentionPolicies(pool: pool).policy(tenantID: tenantID) else { return nil }
        let cutoff = try await pool.query(
            "SELECT now() - make_interval(months => $1) AS cutoff", [policy.months]
        ).first?.decode(Date.self, column: "cutoff") ?? Date.distantPast
        var run = EventRetentionRun(policy: policy, cutoff: cutoff, processed: 0, batches: 0, isComplete: false)
        let record = AuditRecord(
            tenantID: tenantID, actor: .system, action: .retentionEventsApplied, target: jobID.map(AuditTarget.job))
        do {
            while run.batches < maximumBatches {
                let count = try await processBatch(tenantID: tenantID, mode: policy.mode, cutoff: cutoff)
                run.processed += count
                run.batches += 1
                if count < batchSize {
                    run.isComplete = true
                    break
                }
            }
        } catch {
            _ = try? await AuditLog(pool: pool).append(
                record.with(outcome: .failed(.error)).with(detail: Self.detail(of: run)))
            throw error
        }
        try await AuditLog(pool: pool).append(record.with(detail: Self.detail(of: run)))
        return run
    }

    private func processBatch(tenantID: UUID, mode: EventRetentionMode, cutoff: Date) async throws -> Int {
        let batch = """
            WITH batch AS (
                SELECT profile_id, occurred_at, event_id FROM events
                WHERE tenant_id = $1 AND occurred_at < $2
                LIMIT $3 FOR UPDATE SKIP LOCKED
            ), removed AS (
                DELETE FROM events e USING batch
                WHERE e.tenant_id = $1 AND e.profile_id = batch.profile_id AND e.occurred_at = batch.occurred_at
                  AND e.event_id = batch.event_id
                RETURNING e.type, e.event, e.occurred_at, e.channel, e.properties
            )
            """
        switch mode {
        case .delete:
            return try await pool.query(batch + " SELECT count(*) AS removed FROM removed", [tenantID, cutoff, batchSize])
                .first?.decode(Int.self, column: "removed") ?? 0
        case .anonymise:
            return try await pool.execute(
                batch + """
                    INSERT INTO anonymised_events (tenant_id, occurred_at, type, event, channel, properties)
                    SELECT $1, date_trunc('hour', occurred_at, 'UTC'), type, event, channel,
                        (SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(properties)
                         WHERE key = ANY($4::text[]) AND jsonb_typeof(value) IN ('string', 'number', 'boolean'))
                    FROM removed
                    """, [tenantID, cutoff, batchSize, EventAnonymisation.retainedPropertyNames])
        }
    }

    private static func detail(of run: EventRetentionRun) -> AuditDetail {
        [
            "mode": .string(run.policy.mode.rawValue), "months": .integer(Int64(run.policy.months)),
            "cutoff": .string(run.cutoff.formatted(.iso8601)), "processed": .integer(Int64(run.processed)),
            "batches": .integer(Int64(run.batches)), "complete": .bool(run.isComplete),
        ]
    }
}
