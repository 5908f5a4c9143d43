/// A Swift value that can be sent as a query parameter.
///
/// Parameters travel in PostgreSQL's text format with unspecified types, so the server
/// infers each type from the statement (write `$1::uuid` where it cannot). One text
/// representation per type keeps conformances small and makes every value inspectable.
public protocol PostgresEncodable: Sendable {
    /// The value in PostgreSQL's text input syntax; nil sends SQL NULL.
    var postgresText: String? { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? {
        switch self {
        case .some(let value): value.postgresText
        case .none: nil
        }
    }
}

/// Both directions, for types that are stored and read back.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable
