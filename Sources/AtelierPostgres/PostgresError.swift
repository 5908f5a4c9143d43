/// A failure from PostgreSQL or from this client, classified so callers can branch on what
/// happened (a duplicate, a conflict to retry, an unreachable server) without parsing text.
///
/// `query` holds the SQL only, never parameter values, and `description` leaves out
/// `detail` (PostgreSQL puts row values there, e.g. the duplicate e-mail), so logging an
/// error does not leak personal data.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as far as a caller needs to decide what to do next.
    public enum Kind: Sendable, Hashable {
        /// 23505: a unique constraint or index refused a duplicate.
        case uniqueViolation
        /// 23503: a row references a missing row, or a delete would orphan one.
        case foreignKeyViolation
        /// 23502: NULL into a NOT NULL column.
        case notNullViolation
        /// 23514: a CHECK constraint refused the row.
        case checkViolation
        /// 40001: a serializable (or repeatable read) transaction lost a conflict; retry it.
        case serializationFailure
        /// 40P01: PostgreSQL broke a deadlock by aborting this transaction; retry it.
        case deadlockDetected
        /// 57014: cancelled, by `statement_timeout` or by a cancelled task.
        case queryCanceled
        /// 42P01: the table does not exist (often: migrations not applied).
        case undefinedTable
        /// 42703: the column does not exist.
        case undefinedColumn
        /// 42601: the SQL does not parse.
        case syntaxError
        /// 22P02: a parameter is not valid text for its type (e.g. a malformed UUID).
        case invalidTextRepresentation
        /// The server is unreachable or the connection broke (SQLSTATE class 08, 57P01–57P03).
        case connectionFailure
        /// No connection became free within `PostgresConfiguration.acquireTimeout`.
        case poolTimeout
        /// The pool was closed before or while waiting for a connection.
        case poolClosed
        /// A `PostgresConnection` was used after its `withConnection` body returned.
        case connectionReleased
        /// A parameter cannot be sent (text with a NUL byte, which PostgreSQL cannot store).
        case invalidParameter(index: Int)
        /// The result has no column of that name (or index).
        case columnNotFound(String)
        /// A column's value cannot be read as the requested Swift type; `value` is nil for SQL NULL.
        case decoding(column: String, type: String, value: String?)
        /// Any other SQLSTATE; see `sqlState`.
        case other
    }

    public var kind: Kind
    /// The five-character SQLSTATE from the server; nil for client-side failures.
    public var sqlState: String?
    public var message: String
    /// The server's DETAIL; may contain row values, so it is not part of `description`.
    public var detail: String?
    public var hint: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// 1-based character offset of the error in `query`, when the server reports one.
    public var position: Int?
    /// The SQL that failed (never its parameter values).
    public var query: String

    public init(
        kind: Kind, message: String, sqlState: String? = nil, detail: String? = nil, hint: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil, position: Int? = nil,
        query: String = ""
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.position = position
        self.query = query
    }

    /// True for the failures that a fresh attempt of the whole transaction can cure.
    public var isTransientConflict: Bool {
        kind == .serializationFailure || kind == .deadlockDetected
    }

    public var description: String {
        var text = "PostgresError.\(kind.label)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let table { text += " (table \(table))" }
        if let column { text += " (column \(column))" }
        if let hint { text += " hint: \(hint)" }
        if !query.isEmpty { text += " — query: \(query.prefix(200))" }
        return text
    }

    /// Maps a SQLSTATE to the kinds callers branch on.
    static func kind(forSQLState state: String) -> Kind {
        switch state {
        case "23505": .uniqueViolation
        case "23503": .foreignKeyViolation
        case "23502": .notNullViolation
        case "23514": .checkViolation
        case "40001": .serializationFailure
        case "40P01": .deadlockDetected
        case "57014": .queryCanceled
        case "42P01": .undefinedTable
        case "42703": .undefinedColumn
        case "42601": .syntaxError
        case "22P02": .invalidTextRepresentation
        case "57P01", "57P02", "57P03": .connectionFailure
        case _ where state.hasPrefix("08"): .connectionFailure
        default: .other
        }
    }

    /// The error a `PostgresDecodable` conformance throws for a value it cannot read;
    /// `PostgresRow` adds the query before handing it to the caller.
    public static func decodingFailure(column: String, type: Any.Type, value: String?, reason: String) -> PostgresError {
        PostgresError(
            kind: .decoding(column: column, type: String(describing: type), value: value),
            message: "column \"\(column)\": \(reason)")
    }
}

extension PostgresError.Kind {
    /// The case name without associated values (which may hold row data), for descriptions.
    var label: String {
        switch self {
        case .uniqueViolation: "uniqueViolation"
        case .foreignKeyViolation: "foreignKeyViolation"
        case .notNullViolation: "notNullViolation"
        case .checkViolation: "checkViolation"
        case .serializationFailure: "serializationFailure"
        case .deadlockDetected: "deadlockDetected"
        case .queryCanceled: "queryCanceled"
        case .undefinedTable: "undefinedTable"
        case .undefinedColumn: "undefinedColumn"
        case .syntaxError: "syntaxError"
        case .invalidTextRepresentation: "invalidTextRepresentation"
        case .connectionFailure: "connectionFailure"
        case .poolTimeout: "poolTimeout"
        case .poolClosed: "poolClosed"
        case .connectionReleased: "connectionReleased"
        case .invalidParameter: "invalidParameter"
        case .columnNotFound: "columnNotFound"
        case .decoding: "decoding"
        case .other: "other"
        }
    }
}
