/// Integers in decimal text: `smallint`, `integer`, `bigint`, and integral `numeric`.
/// Decoding checks the range, so a `bigint` that does not fit an `Int16` is an error, not a wrap.
extension PostgresDecodable where Self: FixedWidthInteger {
    public init(postgresText: String, column: String) throws {
        guard let value = Self(postgresText) else {
            throw PostgresError.decodingFailure(
                column: column, type: Self.self, value: postgresText, reason: "is not an integer that fits \(Self.self)")
        }
        self = value
    }
}

extension PostgresEncodable where Self: FixedWidthInteger {
    public var postgresText: String? { String(self) }
}

extension Int: PostgresArrayElement {}
extension Int64: PostgresArrayElement {}
extension Int32: PostgresArrayElement {}
extension Int16: PostgresArrayElement {}
