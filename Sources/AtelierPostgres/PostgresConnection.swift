/// A connection leased from the pool for the duration of one `withConnection` (or
/// `transaction`) body; everything run through it shares one session, so it is how to run
/// several statements in one transaction or under one session-level lock.
///
/// Valid only inside the body that received it: afterwards the session belongs to someone
/// else, and every call throws `PostgresError.Kind.connectionReleased`.
public final class PostgresConnection: Sendable {
    let backend: LibPQConnection
    private let lease = Locked(Lease())

    private struct Lease: Sendable {
        var isActive = true
        var savepointCounter = 0
    }

    init(backend: LibPQConnection) {
        self.backend = backend
    }

    /// Runs one statement with `$1…$n` parameters and returns its rows. The statement is
    /// prepared once per connection and reused, so hot queries skip parsing and planning.
    public func query(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> PostgresRows {
        try checkLease(sql)
        try Task.checkCancellation()
        let texts = try Self.parameterTexts(parameters, query: sql)
        let backend = self.backend
        return try await withTaskCancellationHandler {
            try await backend.query(sql, parameters: texts)
        } onCancel: {
            backend.canceller.cancel()
        }
    }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any PostgresEncodable] = []) async throws -> Int {
        try await query(sql, parameters).affectedRows
    }

    /// Runs a script of several `;`-separated statements without parameters (simple-query
    /// protocol, nothing prepared); for DDL and migration files.
    public func executeScript(_ sql: String) async throws {
        try checkLease(sql)
        try await backend.runSimple(sql)
    }

    /// The server process serving this session, as in `pg_stat_activity.pid`.
    public var backendProcessID: Int32? {
        get async { await backend.backendProcessID }
    }

    func endLease() {
        lease.withLock { $0.isActive = false }
    }

    func nextSavepointName() -> String {
        lease.withLock { lease in
            lease.savepointCounter += 1
            return "atelier_savepoint_\(lease.savepointCounter)"
        }
    }

    func checkLease(_ sql: String) throws {
        guard lease.withLock({ $0.isActive }) else {
            throw PostgresError(
                kind: .connectionReleased,
                message: "this connection was returned to the pool; use it only inside the body that received it",
                query: sql)
        }
    }

    /// Text forms of the parameters; refuses NUL bytes, which libpq would silently cut at.
    static func parameterTexts(_ parameters: [any PostgresEncodable], query: String) throws -> [String?] {
        try parameters.enumerated().map { offset, parameter in
            let text = parameter.postgresText
            if let text, text.utf8.contains(0) {
                throw PostgresError(
                    kind: .invalidParameter(index: offset + 1),
                    message: "parameter $\(offset + 1) contains a NUL byte, which PostgreSQL text cannot hold",
                    query: query)
            }
            return text
        }
    }
}
