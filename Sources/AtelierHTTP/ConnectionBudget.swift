import Synchronization

/// The server-wide count of open connections, shared by all loops, that enforces
/// `maxConnections` at accept time.
final class ConnectionBudget: Sendable {
    private let limit: Int
    private let open = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a slot for a new connection; false when the server is full.
    func acquire() -> Bool {
        let (previous, _) = open.add(1, ordering: .relaxed)
        if previous < limit { return true }
        open.subtract(1, ordering: .relaxed)
        return false
    }

    func release() {
        open.subtract(1, ordering: .relaxed)
    }
}
