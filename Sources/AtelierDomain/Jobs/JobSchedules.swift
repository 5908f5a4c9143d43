import AtelierPostgres
import Foundation

/// Periodic jobs. `fireDue` turns every due schedule into a queued job and moves the
/// schedule forward; several workers may call it at once and each schedule fires once.
public struct JobSchedules: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Creates or updates the schedule `name` (per tenant, or system-wide when tenantID is nil).
    public func upsert(name: String, tenantID: UUID?, kind: String, payload: String = "{}", every interval: Duration)
        async throws
    {
        let seconds = max(Int(interval.components.seconds), 1)
        try await pool.transaction { connection in
            let updated = try await connection.execute(
                """
                UPDATE job_schedules SET kind = $3, payload = $4::jsonb, interval_seconds = $5
                WHERE tenant_id IS NOT DISTINCT FROM $2 AND name = $1
                """, [name, tenantID, kind, PostgresJSON(payload), seconds])
            if updated == 0 {
                try await connection.execute(
                    """
                    INSERT INTO job_schedules (name, tenant_id, kind, payload, interval_seconds)
                    VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT DO NOTHING
                    """, [name, tenantID, kind, PostgresJSON(payload), seconds])
            }
        }
    }

    /// Enqueues one job for each due schedule; returns how many fired. A schedule that
    /// missed several periods (the workers were down) fires once, not once per period.
    @discardableResult
    public func fireDue() async throws -> Int {
        try await pool.transaction { connection in
            let due = try await connection.query(
                """
                SELECT schedule_id, tenant_id, kind, payload::text AS payload, interval_seconds
                FROM job_schedules WHERE enabled AND next_run_at <= now()
                FOR UPDATE SKIP LOCKED
                """, [])
            for row in due {
                let scheduleID = try row.decode(UUID.self, column: "schedule_id")
                let kind = try row.decode(String.self, column: "kind")
                try await connection.execute(
                    """
                    INSERT INTO jobs (kind, tenant_id, payload, dedupe_key)
                    VALUES ($1, $2, $3::jsonb, $4) ON CONFLICT DO NOTHING
                    """,
                    [kind, try row.decode(UUID?.self, column: "tenant_id"),
                     PostgresJSON(try row.decode(String.self, column: "payload")), "schedule:\(scheduleID.uuidString)"])
                try await connection.execute(
                    """
                    UPDATE job_schedules
                    SET next_run_at = greatest(next_run_at + make_interval(secs => interval_seconds), now())
                    WHERE schedule_id = $1
                    """, [scheduleID])
            }
            return due.count
        }
    }
}
