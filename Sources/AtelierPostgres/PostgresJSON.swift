import Foundation

/// A `json` / `jsonb` value as raw JSON text.
///
/// Kept as text rather than decoded eagerly, so payloads pass through the database untouched
/// and callers choose when (and into what) to decode. Send it as `$1::jsonb` or into a jsonb
/// column; note that jsonb normalises whitespace and key order on the way back.
public struct PostgresJSON: PostgresArrayElement, Hashable, CustomStringConvertible {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    /// Encodes `value` with `encoder` into JSON text.
    public init<Value: Encodable>(encoding value: Value, encoder: JSONEncoder = JSONEncoder()) throws {
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the JSON text into `type`.
    public func decode<Value: Decodable>(_ type: Value.Type, decoder: JSONDecoder = JSONDecoder()) throws -> Value {
        try decoder.decode(type, from: Data(text.utf8))
    }

    public var postgresText: String? { text }

    public init(postgresText: String, column: String) throws {
        self.text = postgresText
    }

    public var description: String { text }
}
