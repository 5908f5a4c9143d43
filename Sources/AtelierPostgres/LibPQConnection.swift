import CLibPQ
import Foundation
import Logging

/// One libpq session, isolated to a thread of its own.
///
/// The actor runs on a `DedicatedThreadExecutor`, so its synchronous methods may block in
/// libpq freely: callers `await` them from any task and the cooperative pool never blocks.
/// It owns the session state that must not be shared: the `PGconn`, and the names of the
/// statements prepared on it.
actor LibPQConnection {
    nonisolated let id: Int
    nonisolated let canceller = QueryCanceller()
    private nonisolated let executor: DedicatedThreadExecutor
    private let configuration: PostgresConfiguration
    private let logger: Logger
    private let noticeSink: NoticeSink
    private var session: Session?
    private var statements: PreparedStatementCache

    nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    init(id: Int, configuration: PostgresConfiguration, logger: Logger) {
        self.id = id
        self.executor = DedicatedThreadExecutor(name: "pg-\(id)-\(configuration.applicationName)")
        self.configuration = configuration
        self.logger = logger
        self.noticeSink = NoticeSink(logger: logger, connectionID: id)
        self.statements = PreparedStatementCache(capacity: max(0, configuration.statementCacheCapacity))
    }

    /// The `PGconn`, wrapped so the nonisolated `deinit` may finish it.
    private struct Session: @unchecked Sendable {  // touched only on the actor's thread, or in deinit once no one else can
        let pointer: OpaquePointer
    }

    private var handle: OpaquePointer? { session?.pointer }

    deinit {
        if let session { PQfinish(session.pointer) }
        canceller.remove()
        executor.stop()
    }

    // MARK: Lifecycle

    /// Readies the session for a new lease: reconnects if the server closed it (a restart,
    /// `pg_terminate_backend`), and pings it after a long idle period.
    func prepareForUse(idleFor: Duration, healthCheckAfter: Duration) throws {
        guard let connection = handle, PQstatus(connection) == CONNECTION_OK else {
            try connect(reason: handle == nil ? "first use" : "connection was broken")
            return
        }
        // A healthy idle session hears nothing from the server; anything that arrived (most
        // often a termination notice, its EOF possibly not yet behind it) makes it suspect.
        let heardWhileIdle = Self.hasPendingInput(connection)
        // Reads, without blocking (libpq sockets are non-blocking), whatever the server sent
        // while we were idle; a termination notice and EOF turn the status bad. Twice, because
        // the notice and the EOF arrive in separate reads.
        if PQconsumeInput(connection) == 0 || PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK {
            try connect(reason: "closed by the server while idle")
            return
        }
        if idleFor >= healthCheckAfter || heardWhileIdle {
            do {
                _ = try runSimple("SELECT 1")
            } catch {
                try connect(reason: "health check failed")
            }
        }
    }

    /// Whether the session's socket has bytes to read, without waiting.
    private static func hasPendingInput(_ connection: OpaquePointer) -> Bool {
        var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    /// Leaves the session clean for the next lease: an abandoned transaction is rolled back;
    /// a session in an unknown state (mid-COPY, broken) is closed and reopened on next use.
    func prepareForReuse() {
        guard let connection = handle else { return }
        switch PQtransactionStatus(connection) {
        case PQTRANS_IDLE:
            return
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            logger.warning("rolling back a transaction left open on a returned connection", metadata: ["connection": "\(id)"])
            if (try? runSimple("ROLLBACK")) == nil { disconnect() }
        default:
            disconnect()
        }
    }

    func close() {
        disconnect()
        executor.stop()
    }

    /// A whole lease of one statement in a single visit to this connection's thread: ready
    /// the session, run the statement, leave the session clean. `pool.query` uses it so a
    /// statement costs one thread hand-off each way instead of three.
    func runLeased(
        _ sql: String, parameters: [String?], idleFor: Duration, healthCheckAfter: Duration
    ) throws -> PostgresRows {
        defer { prepareForReuse() }
        try prepareForUse(idleFor: idleFor, healthCheckAfter: healthCheckAfter)
        return try query(sql, parameters: parameters)
    }

    // MARK: Statements

    /// Runs one statement with text parameters, prepared once per connection and reused.
    func query(_ sql: String, parameters: [String?]) throws -> PostgresRows {
        let connection = try requireConnection(query: sql)
        canceller.setRunning(true)
        defer { canceller.setRunning(false) }
        if let name = statements.name(for: sql) {
            do {
                return try executePrepared(name, sql: sql, parameters: parameters, on: connection)
            } catch let error as PostgresError where Self.invalidatesStatement(error) {
                statements.forget(sql)
                // Retrying is only safe when no transaction was aborted by the failure.
                guard PQtransactionStatus(connection) == PQTRANS_IDLE else { throw error }
                if error.sqlState != "26000" { _ = try? runSimple("DEALLOCATE \(name)") }
                logger.debug("re-preparing statement", metadata: ["connection": "\(id)", "reason": "\(error.message)"])
            }
        }
        guard let name = statements.reserveName(for: sql) else {
            let result = CStringArray.with(parameters) { values in
                PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
            return try consume(result, on: connection, query: sql)
        }
        do {
            let prepared = PQprepare(connection, name, sql, 0, nil)
            _ = try consume(prepared, on: connection, query: sql)
        } catch {
            statements.forget(sql)
            throw error
        }
        return try executePrepared(name, sql: sql, parameters: parameters, on: connection)
    }

    /// Runs SQL through the simple-query protocol: several statements, no parameters. For
    /// transaction control and migration scripts.
    @discardableResult
    func runSimple(_ sql: String) throws -> PostgresRows {
        let connection = try requireConnection(query: sql)
        canceller.setRunning(true)
        defer { canceller.setRunning(false) }
        return try consume(PQexec(connection, sql), on: connection, query: sql)
    }

    /// Opens a transaction; refuses when one is already open, because a nested BEGIN would
    /// only warn and the inner COMMIT would then commit the outer transaction.
    func begin(_ statement: String) throws {
        let connection = try requireConnection(query: statement)
        guard PQtransactionStatus(connection) == PQTRANS_IDLE else {
            throw PostgresError(
                kind: .other, message: "a transaction is already open on this connection; use savepoint(_:) to nest",
                query: statement)
        }
        try runSimple(statement)
    }

    /// Commits; throws when PostgreSQL rolled back instead, which it does silently when a
    /// statement inside the transaction failed and the body caught the error.
    func commit() throws {
        let connection = try requireConnection(query: "COMMIT")
        guard let result = PQexec(connection, "COMMIT") else {
            throw LibPQResult.error(nil, connection: connection, query: "COMMIT")
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw LibPQResult.error(result, connection: connection, query: "COMMIT")
        }
        if String(cString: PQcmdStatus(result)) == "ROLLBACK" {
            throw PostgresError(
                kind: .other,
                message: "the transaction was rolled back, not committed: a statement in it failed and its error was caught",
                sqlState: "25P02", query: "COMMIT")
        }
    }

    var backendProcessID: Int32? {
        handle.map { PQbackendPID($0) }
    }

    // MARK: COPY FROM STDIN

    /// Starts `COPY … FROM STDIN`; the session then only accepts copy data until `endCopy`.
    func beginCopy(_ sql: String) throws {
        let connection = try requireConnection(query: sql)
        guard let result = PQexec(connection, sql) else {
            throw LibPQResult.error(nil, connection: connection, query: sql)
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COPY_IN:
            return
        case PGRES_COPY_OUT, PGRES_COPY_BOTH:
            disconnect()
            throw PostgresError(kind: .other, message: "copyFrom needs COPY … FROM STDIN; this statement copies out", query: sql)
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            throw PostgresError(kind: .other, message: "copyFrom needs a COPY … FROM STDIN statement", query: sql)
        default:
            throw LibPQResult.error(result, connection: connection, query: sql)
        }
    }

    func sendCopyData(_ bytes: [UInt8], query: String) throws {
        let connection = try requireConnection(query: query)
        let status = bytes.withUnsafeBytes { buffer in
            PQputCopyData(connection, buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count))
        }
        guard status == 1 else { throw LibPQResult.error(nil, connection: connection, query: query) }
    }

    /// Ends the copy; with a `failure` message the server discards everything sent.
    /// Returns the number of rows copied.
    func endCopy(failure: String?, query: String) throws -> Int {
        let connection = try requireConnection(query: query)
        guard PQputCopyEnd(connection, failure) == 1 else {
            throw LibPQResult.error(nil, connection: connection, query: query)
        }
        var outcome: Result<Int, PostgresError>?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            guard outcome == nil else { continue }
            outcome =
                PQresultStatus(result) == PGRES_COMMAND_OK
                ? .success(LibPQResult.affectedRows(result))
                : .failure(LibPQResult.error(result, connection: connection, query: query))
        }
        return try (outcome ?? .failure(LibPQResult.error(nil, connection: connection, query: query))).get()
    }

    // MARK: Internals

    private func connect(reason: String) throws {
        disconnect()
        var keywords = ["dbname", "application_name", "connect_timeout", "client_encoding"]
        let timeoutSeconds = max(2, (configuration.connectTimeout.wholeMilliseconds + 999) / 1000)
        var values: [String?] = [
            configuration.connectionString, configuration.applicationName, String(timeoutSeconds), "UTF8",
        ]
        if let database = configuration.database {
            keywords.append("dbname")
            values.append(database)
        }
        let opened = CStringArray.with(keywords) { keywordPointers in
            CStringArray.with(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection = opened else {
            throw PostgresError(kind: .connectionFailure, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = LibPQResult.connectionMessage(connection)
            PQfinish(connection)
            logger.warning("postgres connection failed", metadata: ["connection": "\(id)", "error": "\(message)"])
            throw PostgresError(kind: .connectionFailure, message: message)
        }
        PQsetNoticeProcessor(connection, logPostgresNotice, Unmanaged.passUnretained(noticeSink).toOpaque())
        session = Session(pointer: connection)
        do {
            try runSimple(sessionSettings)
        } catch {
            disconnect()
            throw error
        }
        canceller.install(PQgetCancel(connection))
        logger.debug(
            "postgres connected",
            metadata: ["connection": "\(id)", "reason": "\(reason)", "pid": "\(PQbackendPID(connection))"])
    }

    /// The session settings the text decoders rely on.
    private var sessionSettings: String {
        var settings = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET bytea_output = 'hex';"
        if let timeout = configuration.statementTimeout {
            settings += " SET statement_timeout = \(max(1, timeout.wholeMilliseconds));"
        }
        if let role = configuration.sessionRole {
            settings += " SET ROLE \(Self.quotedIdentifier(role));"
        }
        return settings
    }

    /// SQL identifier quoting: double quotes, embedded double quotes doubled.
    private static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func disconnect() {
        canceller.remove()
        if let handle { PQfinish(handle) }
        session = nil
        statements.removeAll()
    }

    private func requireConnection(query: String) throws -> OpaquePointer {
        guard let handle else {
            throw PostgresError(kind: .connectionFailure, message: "the connection is closed", query: query)
        }
        return handle
    }

    private func executePrepared(
        _ name: String, sql: String, parameters: [String?], on connection: OpaquePointer
    ) throws -> PostgresRows {
        let result = CStringArray.with(parameters) { values in
            PQexecPrepared(connection, name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try consume(result, on: connection, query: sql)
    }

    private func consume(_ result: OpaquePointer?, on connection: OpaquePointer, query: String) throws -> PostgresRows {
        guard let result else { throw LibPQResult.error(nil, connection: connection, query: query) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return LibPQResult.rows(result, query: query)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            disconnect()
            throw PostgresError(kind: .other, message: "COPY must run through copyFrom(_:rows:)", query: query)
        default:
            throw LibPQResult.error(result, connection: connection, query: query)
        }
    }

    /// "prepared statement does not exist" (after `DEALLOCATE ALL` / `DISCARD ALL`) and
    /// "cached plan must not change result type" (after a schema change).
    private static func invalidatesStatement(_ error: PostgresError) -> Bool {
        error.sqlState == "26000" || (error.sqlState == "0A000" && error.message.contains("cached plan"))
    }
}

/// Routes server notices (`NOTICE: relation already exists, skipping`…) to the logger
/// instead of libpq's default, stderr.
final class NoticeSink: Sendable {
    let logger: Logger
    let connectionID: Int

    init(logger: Logger, connectionID: Int) {
        self.logger = logger
        self.connectionID = connectionID
    }
}

private func logPostgresNotice(_ context: UnsafeMutableRawPointer?, _ message: UnsafePointer<CChar>?) {
    guard let context, let message else { return }
    let sink = Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue()
    let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    sink.logger.debug("postgres notice", metadata: ["connection": "\(sink.connectionID)", "notice": "\(text)"])
}
