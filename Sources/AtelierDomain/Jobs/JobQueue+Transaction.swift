import AtelierPostgres
import Foundation

extension JobQueue {
    /// Enqueues a job inside the caller's transaction, so the job exists exactly when the
    /// change that needs it commits (a privacy request and its processing, a status change
    /// and its callbacks). Returns the job's id.
    @discardableResult
    public static func enqueue(
        kind: String, tenantID: UUID?, payload: String, maxAttempts: Int = 5, on connection: PostgresConnection
    ) async throws -> UUID {
        let rows = try await connection.query(
            "INSERT INTO jobs (kind, tenant_id, payload, max_attempts) VALUES ($1, $2, $3::jsonb, $4) RETURNING job_id",
            [kind, tenantID, PostgresJSON(payload), maxAttempts])
        guard let row = rows.first else { throw DomainError.unavailable(reason: "job \(kind) could not be enqueued") }
        return try row.decode(UUID.self, column: "job_id")
    }

    /// Cancels a job that no worker has claimed yet; false when it is already running or done.
    @discardableResult
    public static func cancelQueued(jobID: UUID, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            "UPDATE jobs SET status = 'cancelled', finished_at = now() WHERE job_id = $1 AND status = 'queued'", [jobID]
        ) == 1
    }
}
