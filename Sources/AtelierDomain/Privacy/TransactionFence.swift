import AtelierPostgres
import Foundation

/// Waits until every transaction in flight now has ended.
///
/// Erasure uses it to close a race: a tracking call or order that checked the suppression
/// list before an erasure committed may still write the subject's data afterwards. Every
/// such writer holds a transaction id by then (the suppression check takes one, see
/// `SuppressionList`), so once the transactions listed in a snapshot taken after the
/// erasure's commit have all ended, a final sweep sees everything they wrote.
enum TransactionFence {
    struct Timeout: Error, CustomStringConvertible {
        var description: String { "transactions in flight did not end within the erasure's fence timeout; retrying" }
    }

    static func waitForTransactionsInFlight(
        pool: PostgresPool, timeout: Duration = .seconds(60), pollInterval: Duration = .milliseconds(10)
    ) async throws {
        let snapshot = try await pool.query("SELECT pg_current_snapshot()::text AS snapshot").first?
            .decode(String.self, column: "snapshot")
        guard let snapshot else { return }
        let deadline = ContinuousClock.now + timeout
        while true {
            let running = try await pool.query(
                """
                SELECT count(*) AS running FROM pg_snapshot_xip($1::pg_snapshot) AS x(xid)
                WHERE pg_xact_status(x.xid) = 'in progress'
                """, [snapshot])
            guard try running.first?.decode(Int.self, column: "running") ?? 0 > 0 else { return }
            guard ContinuousClock.now < deadline else { throw Timeout() }
            try await Task.sleep(for: pollInterval)
        }
    }
}
