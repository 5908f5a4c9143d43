import AtelierPostgres
import AtelierTestSupport

/// Runs `body` with a pool on a fresh database; the database is dropped afterwards.
@discardableResult
func withPool<T>(
    size: Int = 4,
    configure: (inout PostgresConfiguration) -> Void = { _ in },
    callerIsolation: isolated (any Actor)? = #isolation,
    _ body: (PostgresPool) async throws -> T
) async throws -> T {
    try await TestDatabase.with { database in
        try await body(database.makePool(size: size, configure: configure))
    }
}
