import AtelierPostgres
import Foundation

/// The job queue in PostgreSQL. Workers claim with `FOR UPDATE SKIP LOCKED` and hold a
/// lease; a worker that dies lets its lease expire and the job is claimed again, until
/// `maxAttempts` is spent and the job is marked dead.
public struct JobQueue: Sendable {
    private let pool: PostgresPool
    private let retryPolicy: RetryPolicy

    public init(pool: PostgresPool, retryPolicy: RetryPolicy = RetryPolicy()) {
        self.pool = pool
        self.retryPolicy = retryPolicy
    }

    /// Enqueues a job. With a `dedupeKey`, a job of the same tenant and kind that is still
    /// queued or running is returned instead of a second one.
    @discardableResult
    public func enqueue(
        kind: String, tenantID: UUID?, payload: String = "{}", runAt: Date? = nil, priority: Int = 0,
        maxAttempts: Int = 5, dedupeKey: String? = nil
    ) async throws -> Job {
        let inserted = try await pool.query(
            """
            INSERT INTO jobs (kind, tenant_id, payload, run_at, priority, max_attempts, dedupe_key)
            VALUES ($1, $2, $3::jsonb, coalesce($4, now()), $5, $6, $7)
            ON CONFLICT DO NOTHING
            RETURNING \(Self.columns)
            """, [kind, tenantID, PostgresJSON(payload), runAt, priority, maxAttempts, dedupeKey])
        if let row = inserted.first {
            return try Self.job(from: row)
        }
        let existing = try await pool.query(
            """
            SELECT \(Self.columns) FROM jobs
            WHERE tenant_id IS NOT DISTINCT FROM $1 AND kind = $2 AND dedupe_key = $3
              AND status IN ('queued', 'running')
            """, [tenantID, kind, dedupeKey])
        guard let row = existing.first else {
            throw DomainError.conflict(reason: "job \(kind) could not be enqueued; retry")
        }
        return try Self.job(from: row)
    }

    /// Claims the most urgent ready job (or one whose lease expired) for `owner`.
    public func claim(owner: String, kinds: [String], lease: Duration) async throws -> Job? {
        let rows = try await pool.query(
            """
            WITH next AS (
                SELECT job_id FROM jobs
                WHERE kind = ANY($2)
                  AND ((status = 'queued' AND run_at <= now())
                    OR (status = 'running' AND lease_expires_at < now()))
                ORDER BY priority DESC, run_at
                LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs SET status = 'running', attempts = jobs.attempts + 1, lease_owner = $1,
                lease_expires_at = now() + make_interval(secs => $3), started_at = now()
            FROM next WHERE jobs.job_id = next.job_id
            RETURNING \(Self.columns.split(separator: ",").map { "jobs." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            """, [owner, kinds, RetryPolicy.seconds(lease)])
        return try rows.first.map(Self.job(from:))
    }

    /// Extends the lease of a long job; false when the lease was lost to another worker.
    public func heartbeat(jobID: UUID, owner: String, lease: Duration) async throws -> Bool {
        try await pool.execute(
            """
            UPDATE jobs SET lease_expires_at = now() + make_interval(secs => $3)
            WHERE job_id = $1 AND lease_owner = $2 AND status = 'running'
            """, [jobID, owner, RetryPolicy.seconds(lease)]) == 1
    }

    public func complete(jobID: UUID, owner: String, result: String?) async throws {
        try await pool.execute(
            """
            UPDATE jobs SET status = 'succeeded', result = $3::jsonb, finished_at = now(),
                lease_owner = NULL, lease_expires_at = NULL
            WHERE job_id = $1 AND lease_owner = $2 AND status = 'running'
            """, [jobID, owner, result.map(PostgresJSON.init)])
    }

    /// Records a failure: the job is queued again after the retry policy's delay, or marked
    /// dead once it has used all its attempts.
    public func fail(job: Job, owner: String, error: String) async throws {
        let delay = retryPolicy.delay(afterAttempts: job.attempts, jitter: Double.random(in: 0...1))
        try await pool.execute(
            """
            UPDATE jobs SET
                status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                run_at = now() + make_interval(secs => $4),
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                last_error = $3, lease_owner = NULL, lease_expires_at = NULL
            WHERE job_id = $1 AND lease_owner = $2 AND status = 'running'
            """, [job.id, owner, String(error.prefix(2000)), RetryPolicy.seconds(delay)])
    }

    public func find(tenantID: UUID, jobID: UUID) async throws -> Job {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM jobs WHERE tenant_id = $1 AND job_id = $2", [tenantID, jobID])
        guard let row = rows.first else { throw DomainError.notFound(resource: "job", id: jobID.uuidString) }
        return try Self.job(from: row)
    }

    /// The tenant's most recent jobs, newest first, optionally of one status.
    public func list(tenantID: UUID, status: Job.Status?, limit: Int) async throws -> [Job] {
        try await pool.query(
            """
            SELECT \(Self.columns) FROM jobs
            WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2)
            ORDER BY created_at DESC, job_id LIMIT $3
            """, [tenantID, status?.rawValue, min(max(limit, 1), 500)]
        ).map(Self.job(from:))
    }

    static let columns =
        "job_id, tenant_id, kind, payload::text AS payload, status, attempts, max_attempts, run_at, last_error, result::text AS result, created_at, started_at, finished_at"

    static func job(from row: PostgresRow) throws -> Job {
        let statusText = try row.decode(String.self, column: "status")
        return Job(
            id: try row.decode(UUID.self, column: "job_id"),
            tenantID: try row.decode(UUID?.self, column: "tenant_id"),
            kind: try row.decode(String.self, column: "kind"),
            payload: try row.decode(String.self, column: "payload"),
            status: Job.Status(rawValue: statusText) ?? .queued,
            attempts: try row.decode(Int.self, column: "attempts"),
            maxAttempts: try row.decode(Int.self, column: "max_attempts"),
            runAt: try row.decode(Date.self, column: "run_at"),
            lastError: try row.decode(String?.self, column: "last_error"),
            result: try row.decode(String?.self, column: "result"),
            createdAt: try row.decode(Date.self, column: "created_at"),
            startedAt: try row.decode(Date?.self, column: "started_at"),
            finishedAt: try row.decode(Date?.self, column: "finished_at"))
    }
}
