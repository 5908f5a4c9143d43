/// A Swift type that can be read from a result column.
///
/// Results arrive in PostgreSQL's text format (the session runs with `TimeZone=UTC`,
/// `DateStyle=ISO` and `bytea_output=hex`, so each type has one text form to parse).
public protocol PostgresDecodable: Sendable {
    /// Parses a non-NULL value; `column` names the column for error messages.
    init(postgresText: String, column: String) throws

    /// The value for SQL NULL. Non-optional types throw a decoding error naming the column,
    /// so a NULL never silently becomes a default value.
    static func postgresNull(column: String) throws -> Self
}

extension PostgresDecodable {
    public static func postgresNull(column: String) throws -> Self {
        throw PostgresError.decodingFailure(
            column: column, type: Self.self, value: nil, reason: "is NULL; decode \(Self.self)? to accept NULL")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText: String, column: String) throws {
        self = .some(try Wrapped(postgresText: postgresText, column: column))
    }

    public static func postgresNull(column: String) throws -> Self {
        nil
    }
}
