import AtelierPostgres
import Foundation

/// Forgets old message ids. A retry is only deduplicated within the retention window, so
/// the window must outlast any client's retry queue: Segment promises 7 days at least, we
/// keep 8 by default.
public struct MessageIDRetention: Sendable {
    private let pool: PostgresPool
    public let window: Duration

    public init(pool: PostgresPool, window: Duration = .seconds(8 * 24 * 3600)) {
        self.pool = pool
        self.window = window
    }

    /// Deletes the message ids older than the window; returns how many.
    public func purgeExpired() async throws -> Int {
        try await pool.execute(
            "DELETE FROM event_message_ids WHERE received_at < now() - make_interval(secs => $1)",
            [RetryPolicy.seconds(window)])
    }
}
