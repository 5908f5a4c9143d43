import Foundation

/// A JSON string, number or boolean in a rule (a trait value, an event property): compared
/// with stored `jsonb` by JSON equality, so `3` matches `3.0` but not `"3"`.
public enum JSONScalar: Sendable, Equatable, Codable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self), value.isFinite {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            guard value.count <= 500, !value.utf8.contains(0) else {
                throw DomainError.invalid(
                    field: RulePointer.of(decoder.codingPath), reason: "must be at most 500 characters", hint: nil)
            }
            self = .string(value)
        } else {
            throw DomainError.invalid(
                field: RulePointer.of(decoder.codingPath), reason: "must be a string, a number or a boolean",
                hint: "objects, arrays and null cannot be compared")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }

    /// The value as JSON text, for a `jsonb` bind parameter.
    var jsonText: String {
        switch self {
        case .string(let value):
            (try? JSONEncoder().encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        case .integer(let value): String(value)
        case .number(let value): "\(value)"
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// The number as PostgreSQL `numeric` input, nil for strings and booleans.
    var numericText: String? {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): "\(value)"
        case .string, .bool: nil
        }
    }
}
