import AtelierPostgres

/// Runs a transaction that resolves identities, rerunning it when it lost a race
/// (`IdentityConflict`, deadlock, serialization failure). The body must have no effects
/// outside the database, since it may run several times.
public enum IdentityTransaction {
    public static let maximumAttempts = 8

    public static func run<T>(
        pool: PostgresPool, callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await pool.transaction(body)
            } catch let error where attempt < maximumAttempts && isRetryable(error) {
                attempt += 1
                try await Task.sleep(for: .microseconds(Int.random(in: 500...(2000 * attempt))))
            }
        }
    }

    static func isRetryable(_ error: any Error) -> Bool {
        if error is IdentityConflict { return true }
        if let error = error as? PostgresError { return error.isTransientConflict }
        return false
    }
}
