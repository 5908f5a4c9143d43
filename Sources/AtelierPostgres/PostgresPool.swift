import Logging

/// A bounded, fair pool of PostgreSQL connections; the way the rest of Atelier talks to
/// the database.
///
/// At most `poolSize` connections are opened (lazily); callers beyond that wait in FIFO
/// order for up to `acquireTimeout`, so overload turns into quick, typed errors rather than
/// an ever-growing backlog. Connections the server closed (restart, failover,
/// `pg_terminate_backend`) are reopened transparently on their next lease. Each connection
/// runs its blocking libpq calls on a thread of its own, never on Swift's cooperative pool.
/// Call `close()` before the process exits.
public final class PostgresPool: Sendable {
    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let state: Locked<PoolState>

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        self.state = Locked(PoolState(capacity: configuration.poolSize))
    }

    /// Current books, for metrics.
    public var statistics: PostgresPoolStatistics {
        state.withLock { $0.statistics }
    }

    /// Leases one connection for the duration of `body`, for work that needs one session:
    /// several statements, session settings, advisory locks. The connection returns to the
    /// pool when `body` ends, however it ends; an open transaction left behind is rolled back.
    @discardableResult
    public func withConnection<T>(
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let backend = try await acquire()
        let connection = PostgresConnection(backend: backend)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(connection))
        } catch {
            result = .failure(error)
        }
        connection.endLease()
        await release(backend)
        return try result.get()
    }

    /// Runs one statement on any free connection; see `PostgresConnection.query(_:_:)`.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try Task.checkCancellation()
        let texts = try PostgresConnection.parameterTexts(parameters, query: sql)
        let (backend, idleFor) = try await lease()
        let healthCheckAfter = configuration.healthCheckAfterIdle
        let result: Result<PostgresRows, any Error>
        do {
            result = .success(
                try await withTaskCancellationHandler {
                    try await backend.runLeased(
                        sql, parameters: texts, idleFor: idleFor, healthCheckAfter: healthCheckAfter)
                } onCancel: {
                    backend.canceller.cancel()
                })
        } catch {
            result = .failure(error)
        }
        handBack(backend)
        return try result.get()
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await query(sql, parameters).affectedRows
    }

    /// Runs `body` in a transaction on one connection; see
    /// `PostgresConnection.transaction(isolation:retryingSerializationFailures:callerIsolation:_:)`.
    /// Serializable transactions usually want `retryingSerializationFailures` of a few.
    @discardableResult
    public func transaction<T>(
        isolation: PostgresIsolation = .readCommitted,
        retryingSerializationFailures maximumRetries: Int = 0,
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            try await connection.transaction(
                isolation: isolation, retryingSerializationFailures: maximumRetries, body)
        }
    }

    /// Stops new leases (they fail with `poolClosed`, as do queued callers), waits for the
    /// leased connections to come back, then closes every connection and its thread.
    public func close() async {
        let waiters = state.withLock { $0.beginClosing() }
        for waiter in waiters {
            waiter.continuation.resume(throwing: Self.closedError)
        }
        await withCheckedContinuation { continuation in
            if state.withLock({ $0.waitUntilAllReturned(continuation) }) {
                continuation.resume()
            }
        }
        for connection in state.withLock({ $0.takeAllConnections() }) {
            await connection.close()
        }
    }

    // MARK: Leasing

    private static let closedError = PostgresError(kind: .poolClosed, message: "the connection pool is closed")

    /// A connection readied for use (reconnected or pinged when needed).
    private func acquire() async throws -> LibPQConnection {
        let (backend, idleFor) = try await lease()
        do {
            try await backend.prepareForUse(idleFor: idleFor, healthCheckAfter: configuration.healthCheckAfterIdle)
        } catch {
            await release(backend)
            throw error
        }
        return backend
    }

    /// Waits for a free (or new) connection and says how long it sat idle; the caller readies it.
    private func lease() async throws -> (LibPQConnection, idleFor: Duration) {
        let waiterID = state.withLock { $0.makeWaiterID() }
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        let grant = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome = state.withLock {
                    $0.acquire(
                        waiterID: waiterID, continuation: continuation, isCancelled: Task.isCancelled, deadline: deadline)
                }
                switch outcome {
                case .granted(let grant): continuation.resume(returning: grant)
                case .closed: continuation.resume(throwing: Self.closedError)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .queued(let startSweeper): if startSweeper { sweepExpiredWaiters() }
                }
            }
        } onCancel: {
            failWaiter(waiterID, with: CancellationError())
        }
        let backend: LibPQConnection
        let idleFor: Duration
        switch grant {
        case .existing(let connection, let idleSince):
            backend = connection
            idleFor = idleSince.duration(to: .now)
        case .create(let id):
            backend = LibPQConnection(id: id, configuration: configuration, logger: logger)
            state.withLock { $0.register(backend) }
            idleFor = .zero
        }
        return (backend, idleFor)
    }

    private func release(_ backend: LibPQConnection) async {
        await backend.prepareForReuse()
        handBack(backend)
    }

    /// Returns a connection already left clean to the pool, or straight to the oldest waiter.
    private func handBack(_ backend: LibPQConnection) {
        switch state.withLock({ $0.release(backend, now: .now) }) {
        case .handedOver(let waiter, let grant):
            waiter.continuation.resume(returning: grant)
        case .parked(let closeWaiters):
            for waiter in closeWaiters { waiter.resume() }
        }
    }

    /// Fails the waiters whose `acquireTimeout` has passed, checking a few times per timeout
    /// while anyone waits, then stops. One sweeper per pool rather than a timer per waiter: at
    /// saturation nearly every request waits, and a timer each (armed, then cancelled) cost a
    /// task and a wake-up of the timer thread per request.
    private func sweepExpiredWaiters() {
        let timeout = configuration.acquireTimeout
        let interval = max(.milliseconds(1), min(.milliseconds(50), timeout / 4))
        Task { [weak self] in
            while true {
                try? await Task.sleep(for: interval)
                guard let self else { return }
                let (expired, keepSweeping) = self.state.withLock { $0.takeExpiredWaiters(now: .now) }
                if !expired.isEmpty {
                    let statistics = self.statistics
                    self.logger.warning(
                        "postgres pool exhausted",
                        metadata: ["inUse": "\(statistics.inUse)", "waiting": "\(statistics.waiting)", "timedOut": "\(expired.count)"])
                    let error = PostgresError(
                        kind: .poolTimeout,
                        message: "no database connection became free within \(timeout) (pool of \(statistics.capacity), "
                            + "\(statistics.waiting + expired.count) waiting); the database is slow or the pool too small")
                    for waiter in expired { waiter.continuation.resume(throwing: error) }
                }
                if !keepSweeping { return }
            }
        }
    }

    private func failWaiter(_ waiterID: UInt64, with error: any Error) {
        guard let waiter = state.withLock({ $0.removeWaiter(waiterID) }) else { return }
        waiter.continuation.resume(throwing: error)
    }
}
