import AtelierPostgres
import Foundation

/// Starts training: on demand (`POST /v1/models/{kind}/train`) and on each tenant's cadence
/// (the `models:schedule` job, hourly). One training per tenant and kind is queued or running
/// at a time; asking again answers the job already there.
public struct ModelTraining: Sendable {
    private let pool: PostgresPool
    private let jobs: JobQueue

    public init(pool: PostgresPool) {
        self.pool = pool
        jobs = JobQueue(pool: pool)
    }

    /// Queues a training of `kind` with `parameters`, validated first; parameters of another
    /// kind are refused.
    public func request(tenantID: UUID, kind: ModelKind, parameters: TrainingParameters) async throws -> Job {
        guard parameters.fits(kind) else {
            throw DomainError.invalid(field: "", reason: "these parameters do not train \(kind.rawValue)", hint: nil)
        }
        try parameters.validate()
        return try await jobs.enqueue(
            kind: kind.trainingJobKind, tenantID: tenantID, payload: try parameters.json(), maxAttempts: 2,
            dedupeKey: "train")
    }

    /// Queues a rescoring of the tenant's profiles with the serving score versions, after a
    /// version of a score kind was put into service by hand (a promotion or a rollback), so
    /// the scores shown come from it within a job's run instead of at the next hourly refresh.
    @discardableResult
    public func requestRescore(tenantID: UUID) async throws -> Job {
        try await jobs.enqueue(
            kind: ProfileScorer.refreshJobKind, tenantID: tenantID, payload: "{}", maxAttempts: 2, dedupeKey: "rescore")
    }

    /// Queues the trainings that are due: every tenant with orders whose newest version of a
    /// kind is older than its cadence (default 24 hours), unless disabled. Answers how many.
    public func enqueueDue() async throws -> Int {
        var queued = 0
        for kind in ModelKind.allCases {
            let due = try await pool.query(
                """
                SELECT t.tenant_id, COALESCE(s.parameters, '{}'::jsonb)::text AS parameters
                FROM tenants t
                LEFT JOIN model_settings s ON s.tenant_id = t.tenant_id AND s.kind = $1
                WHERE COALESCE(s.enabled, true)
                  AND EXISTS (SELECT 1 FROM orders o WHERE o.tenant_id = t.tenant_id)
                  AND NOT EXISTS (
                      SELECT 1 FROM model_versions v
                      WHERE v.tenant_id = t.tenant_id AND v.kind = $1
                        AND v.created_at > now() - make_interval(hours => COALESCE(s.cadence_hours, 24)))
                """, [kind.rawValue])
            for row in due {
                _ = try await jobs.enqueue(
                    kind: kind.trainingJobKind, tenantID: try row.decode(UUID.self, column: "tenant_id"),
                    payload: try row.decode(String.self, column: "parameters"), maxAttempts: 2, dedupeKey: "train")
                queued += 1
            }
        }
        return queued
    }
}
