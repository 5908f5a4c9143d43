/// A type that can be an element of a PostgreSQL array (`text[]`, `bigint[]`, `uuid[]`…),
/// so a whole Swift list travels as one parameter, as in `WHERE id = ANY($1)`.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// Encodes a whole Swift array. A customisation point so that `[UInt8]` means `bytea`
    /// (how digests are stored) rather than `smallint[]`.
    static func postgresText(forArray elements: [Self]) -> String

    /// Decodes a whole column into a Swift array; the counterpart of `postgresText(forArray:)`.
    static func decodeArray(postgresText: String, column: String) throws -> [Self]
}

extension PostgresArrayElement {
    public static func postgresText(forArray elements: [Self]) -> String {
        PostgresArrayLiteral.encode(elements.map(\.postgresText))
    }

    public static func decodeArray(postgresText: String, column: String) throws -> [Self] {
        try PostgresArrayLiteral.decode(postgresText, column: column, as: [Self].self).map { element in
            guard let element else { return try Self.postgresNull(column: column) }
            return try Self(postgresText: element, column: column)
        }
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresText: String? {
        Element.postgresText(forArray: self)
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init(postgresText: String, column: String) throws {
        self = try Element.decodeArray(postgresText: postgresText, column: column)
    }
}

/// Arrays with NULL elements, such as `[String?]`.
extension Optional: PostgresArrayElement where Wrapped: PostgresArrayElement {}
