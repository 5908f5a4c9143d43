extension PostgresConnection {
    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws (the
    /// error is rethrown), so no code path can leave half a change behind.
    ///
    /// With `retryingSerializationFailures` > 0, a serialization failure (40001) or deadlock
    /// (40P01) reruns the whole body after a short random pause, up to that many times; the
    /// body must then have no side effects outside the database.
    @discardableResult
    public func transaction<T>(
        isolation: PostgresIsolation = .readCommitted,
        retryingSerializationFailures maximumRetries: Int = 0,
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var retries = 0
        while true {
            do {
                return try await transactionAttempt(isolation: isolation, body)
            } catch let error as PostgresError where error.isTransientConflict && retries < maximumRetries {
                retries += 1
                try await Task.sleep(for: Self.retryPause(afterAttempt: retries))
            }
        }
    }

    /// Runs `body` inside a savepoint: when it throws, only its own changes are rolled back
    /// and the surrounding transaction can continue. Needs an open transaction.
    @discardableResult
    public func savepoint<T>(
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let name = nextSavepointName()
        try checkLease("SAVEPOINT \(name)")
        try await backend.runSimple("SAVEPOINT \(name)")
        let value: T
        do {
            value = try await body(self)
        } catch {
            _ = try? await backend.runSimple("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
            throw error
        }
        try await backend.runSimple("RELEASE SAVEPOINT \(name)")
        return value
    }

    private func transactionAttempt<T>(
        isolation: PostgresIsolation,
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try checkLease(isolation.beginStatement)
        try await backend.begin(isolation.beginStatement)
        let value: T
        do {
            value = try await body(self)
        } catch {
            _ = try? await backend.runSimple("ROLLBACK")
            throw error
        }
        try await backend.commit()
        return value
    }

    /// Random pause growing with each attempt (2–4 ms, 4–8 ms, … up to 100–200 ms), so
    /// conflicting transactions stop colliding in lockstep.
    private static func retryPause(afterAttempt attempt: Int) -> Duration {
        let base = min(100, 1 << min(attempt, 7))
        return .microseconds(Int.random(in: base * 1000...base * 2000))
    }
}
