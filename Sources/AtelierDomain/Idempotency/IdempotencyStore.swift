import AtelierPostgres
import Foundation

/// Remembers the response to each mutating request sent with an `Idempotency-Key`, so a
/// client that retries after a timeout gets the first answer instead of a second write.
public struct IdempotencyStore: Sendable {
    /// What to do with a request that carries a key.
    public enum Outcome: Sendable, Equatable {
        /// First time this key is seen: run the request, then `finish` or `abandon`.
        case proceed
        /// The key was used before for the same request: send this response again.
        case replay(StoredResponse)
        /// The first request with this key is still running.
        case inFlight
        /// The key was used before for a different request: refuse.
        case mismatch
    }

    public struct StoredResponse: Sendable, Equatable {
        public var statusCode: Int
        public var contentType: String?
        public var body: [UInt8]

        public init(statusCode: Int, contentType: String?, body: [UInt8]) {
            self.statusCode = statusCode
            self.contentType = contentType
            self.body = body
        }
    }

    private let pool: PostgresPool
    private let retention: Duration

    /// - Parameter retention: how long a key is remembered (24 hours by default, as Stripe does).
    public init(pool: PostgresPool, retention: Duration = .seconds(24 * 3600)) {
        self.pool = pool
        self.retention = retention
    }

    public func begin(tenantID: UUID, key: String, requestHash: [UInt8]) async throws -> Outcome {
        guard (1...255).contains(key.count) else {
            throw DomainError.invalid(
                field: "Idempotency-Key", reason: "must be 1 to 255 characters", hint: "use a UUID per logical request")
        }
        let claimed = try await pool.query(
            """
            INSERT INTO idempotency_keys (tenant_id, key, request_hash, expires_at)
            VALUES ($1, $2, $3, now() + make_interval(secs => $4))
            ON CONFLICT (tenant_id, key) DO UPDATE
                SET request_hash = excluded.request_hash, status_code = NULL, content_type = NULL,
                    response_body = NULL, created_at = now(), expires_at = excluded.expires_at
                WHERE idempotency_keys.expires_at < now()
            RETURNING 1 AS claimed
            """, [tenantID, key, requestHash, RetryPolicy.seconds(retention)])
        if claimed.first != nil { return .proceed }
        let rows = try await pool.query(
            """
            SELECT request_hash, status_code, content_type, response_body
            FROM idempotency_keys WHERE tenant_id = $1 AND key = $2
            """, [tenantID, key])
        guard let row = rows.first else { return .inFlight }
        guard try row.decode([UInt8].self, column: "request_hash") == requestHash else { return .mismatch }
        guard let status = try row.decode(Int?.self, column: "status_code") else { return .inFlight }
        return .replay(
            StoredResponse(
                statusCode: status, contentType: try row.decode(String?.self, column: "content_type"),
                body: try row.decode([UInt8]?.self, column: "response_body") ?? []))
    }

    public func finish(tenantID: UUID, key: String, response: StoredResponse) async throws {
        try await pool.execute(
            """
            UPDATE idempotency_keys SET status_code = $3, content_type = $4, response_body = $5
            WHERE tenant_id = $1 AND key = $2
            """, [tenantID, key, response.statusCode, response.contentType, response.body])
    }

    /// Forgets an in-flight key whose request failed on our side, so the retry can run.
    public func abandon(tenantID: UUID, key: String) async throws {
        try await pool.execute(
            "DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key = $2 AND status_code IS NULL", [tenantID, key])
    }

    /// Retention: deletes expired keys; run by the worker's maintenance schedule.
    @discardableResult
    public func purgeExpired() async throws -> Int {
        try await pool.execute("DELETE FROM idempotency_keys WHERE expires_at < now()", [])
    }
}
