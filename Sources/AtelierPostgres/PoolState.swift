/// The pool's books, changed only under its lock: which connections are free, how many are
/// leased, and who is waiting (first come, first served). Pure bookkeeping, no I/O.
struct PoolState: Sendable {
    /// What a caller receives: a connection to reuse, or the right to open a new one.
    enum Grant: Sendable {
        case existing(LibPQConnection, idleSince: ContinuousClock.Instant)
        case create(id: Int)
    }

    struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Grant, any Error>
        /// When the waiter fails with a pool timeout if still waiting.
        let deadline: ContinuousClock.Instant
    }

    enum AcquireOutcome: Sendable {
        case granted(Grant)
        /// In line; `startSweeper` when no sweeper is running to time the line out.
        case queued(startSweeper: Bool)
        case closed
        case cancelled
    }

    enum ReleaseOutcome: Sendable {
        case handedOver(Waiter, Grant)
        case parked(closeWaiters: [CheckedContinuation<Void, Never>])
    }

    private struct IdleConnection: Sendable {
        let connection: LibPQConnection
        let since: ContinuousClock.Instant
    }

    let capacity: Int
    private var idle: [IdleConnection] = []
    private var connections: [LibPQConnection] = []
    private var reserved = 0
    private var inUse = 0
    private var waiters: [Waiter] = []
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []
    private var nextConnectionID = 1
    private var nextWaiterID: UInt64 = 1
    private var isSweeping = false
    private(set) var isClosed = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var statistics: PostgresPoolStatistics {
        PostgresPoolStatistics(
            capacity: capacity, size: connections.count + reserved, inUse: inUse, idle: idle.count,
            waiting: waiters.count)
    }

    mutating func makeWaiterID() -> UInt64 {
        defer { nextWaiterID += 1 }
        return nextWaiterID
    }

    /// Most recently used connection first (its caches are warm; the others may age out),
    /// then a new connection while under capacity, else a place at the back of the queue.
    mutating func acquire(
        waiterID: UInt64, continuation: CheckedContinuation<Grant, any Error>, isCancelled: Bool,
        deadline: ContinuousClock.Instant
    ) -> AcquireOutcome {
        if isClosed { return .closed }
        if isCancelled { return .cancelled }
        if let free = idle.popLast() {
            inUse += 1
            return .granted(.existing(free.connection, idleSince: free.since))
        }
        if connections.count + reserved < capacity {
            reserved += 1
            inUse += 1
            defer { nextConnectionID += 1 }
            return .granted(.create(id: nextConnectionID))
        }
        waiters.append(Waiter(id: waiterID, continuation: continuation, deadline: deadline))
        defer { isSweeping = true }
        return .queued(startSweeper: !isSweeping)
    }

    /// Records a connection opened for a `.create` grant.
    mutating func register(_ connection: LibPQConnection) {
        reserved -= 1
        connections.append(connection)
    }

    /// Takes out the waiters whose deadline has passed; `keepSweeping` is false (and the sweeper
    /// must stop) once nobody waits, so the next waiter starts a new one.
    mutating func takeExpiredWaiters(now: ContinuousClock.Instant) -> (expired: [Waiter], keepSweeping: Bool) {
        let expired = waiters.filter { $0.deadline <= now }
        if !expired.isEmpty {
            waiters.removeAll { $0.deadline <= now }
        }
        isSweeping = !waiters.isEmpty
        return (expired, isSweeping)
    }

    mutating func removeWaiter(_ waiterID: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
        return waiters.remove(at: index)
    }

    /// A returned connection goes straight to the longest waiter, else back to the free list.
    mutating func release(_ connection: LibPQConnection, now: ContinuousClock.Instant) -> ReleaseOutcome {
        if !waiters.isEmpty {
            return .handedOver(waiters.removeFirst(), .existing(connection, idleSince: now))
        }
        inUse -= 1
        idle.append(IdleConnection(connection: connection, since: now))
        guard inUse == 0 else { return .parked(closeWaiters: []) }
        defer { closeWaiters.removeAll() }
        return .parked(closeWaiters: closeWaiters)
    }

    /// Refuses new callers and hands back the queued ones to be failed.
    mutating func beginClosing() -> [Waiter] {
        isClosed = true
        defer { waiters.removeAll() }
        return waiters
    }

    /// True when no connection is leased; otherwise `continuation` resumes when the last returns.
    mutating func waitUntilAllReturned(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard inUse > 0 else { return true }
        closeWaiters.append(continuation)
        return false
    }

    mutating func takeAllConnections() -> [LibPQConnection] {
        idle.removeAll()
        defer { connections.removeAll() }
        return connections
    }
}
