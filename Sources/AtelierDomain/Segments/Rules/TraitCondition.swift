/// A test on one trait of the person (`{"key": "tier", "eq": "gold"}`). The value tested is the
/// newest across every profile merged into the person, as the profile view shows it. A person
/// without the trait matches only `{"exists": false}`; `ne` means "has it, with another value".
public struct TraitCondition: Sendable, Equatable {
    public enum Test: Sendable, Equatable {
        case equals(JSONScalar)
        case notEquals(JSONScalar)
        case oneOf([JSONScalar])
        /// Ordered comparisons, all numbers or all strings (strings compare by code point).
        case range([(NumberComparison.Operator, JSONScalar)])
        case exists(Bool)
        /// Case-insensitive substring of a string value.
        case contains(String)

        public static func == (lhs: Test, rhs: Test) -> Bool {
            switch (lhs, rhs) {
            case (.equals(let a), .equals(let b)), (.notEquals(let a), .notEquals(let b)): a == b
            case (.oneOf(let a), .oneOf(let b)): a == b
            case (.range(let a), .range(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
            case (.exists(let a), .exists(let b)): a == b
            case (.contains(let a), .contains(let b)): a == b
            default: false
            }
        }
    }

    public var key: String
    public var test: Test

    public init(key: String, test: Test) {
        self.key = key
        self.test = test
    }

    static let testNames = ["eq", "ne", "in", "gt", "gte", "lt", "lte", "exists", "contains"]
    private static let rangeNames: [NumberComparison.Operator] = [.gt, .gte, .lt, .lte]
}

extension TraitCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: ["key"] + Self.testNames, what: "a trait condition")
        guard let key = try object.text("key") else {
            throw object.invalid("key", "is required", hint: "the trait's name, e.g. \"tier\"")
        }
        self.key = key
        let tests = object.keys.filter { $0 != "key" }
        let ranged = tests.filter { name in Self.rangeNames.contains { $0.rawValue == name } }
        if !ranged.isEmpty, ranged.count == tests.count {
            test = .range(try Self.range(ranged, object))
            return
        }
        guard tests.count == 1, let name = tests.first else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must hold exactly one test (or only gt, gte, lt, lte)",
                hint: "tests: " + Self.testNames.joined(separator: ", "))
        }
        switch name {
        case "eq": test = .equals(try object.require(JSONScalar.self, name))
        case "ne": test = .notEquals(try object.require(JSONScalar.self, name))
        case "in":
            let values = try object.require([JSONScalar].self, name)
            guard (1...100).contains(values.count) else { throw object.invalid(name, "must hold 1 to 100 values") }
            test = .oneOf(values)
        case "exists": test = .exists(try object.require(Bool.self, name))
        default:
            guard let text = try object.text(name) else { throw object.invalid(name, "is required") }
            test = .contains(text)
        }
    }

    private static func range(_ names: [String], _ object: RuleObject) throws -> [(NumberComparison.Operator, JSONScalar)] {
        var terms: [(NumberComparison.Operator, JSONScalar)] = []
        for op in rangeNames where names.contains(op.rawValue) {
            let value = try object.require(JSONScalar.self, op.rawValue)
            switch value {
            case .bool: throw object.invalid(op.rawValue, "must be a number or a string")
            case .string where terms.contains(where: { $0.1.numericText != nil }),
                .integer where terms.contains(where: { $0.1.numericText == nil }),
                .number where terms.contains(where: { $0.1.numericText == nil }):
                throw object.invalid(op.rawValue, "must be of the same type (number or string) as the other bounds")
            default: terms.append((op, value))
            }
        }
        return terms
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encode(key, forKey: RuleKey("key"))
        switch test {
        case .equals(let value): try container.encode(value, forKey: RuleKey("eq"))
        case .notEquals(let value): try container.encode(value, forKey: RuleKey("ne"))
        case .oneOf(let values): try container.encode(values, forKey: RuleKey("in"))
        case .range(let terms):
            for (op, value) in terms { try container.encode(value, forKey: RuleKey(op.rawValue)) }
        case .exists(let flag): try container.encode(flag, forKey: RuleKey("exists"))
        case .contains(let text): try container.encode(text, forKey: RuleKey("contains"))
        }
    }
}
