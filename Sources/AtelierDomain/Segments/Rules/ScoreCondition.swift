/// A test on the person's score of the serving version of a score model
/// (`{"score": {"kind": "churn", "gte": 0.6}}`): one or more of `gt`, `gte`, `lt`, `lte`, all
/// of which must hold. Propensity and churn are probabilities (0 to 1); `clv` is a value in
/// minor units. A person without a score of that kind does not match.
///
/// Scores are learnt for `analytics`: a person who objects to analytics never matches, even
/// before the next scoring removes their score.
public struct ScoreCondition: Sendable, Equatable {
    public var kind: ModelKind
    /// In `NumberComparison.Operator.allCases` order.
    public var terms: [(NumberComparison.Operator, Double)]

    public init(kind: ModelKind, terms: [(NumberComparison.Operator, Double)]) {
        self.kind = kind
        self.terms = terms.sorted { Self.rank($0.0) < Self.rank($1.0) }
    }

    public static func == (lhs: ScoreCondition, rhs: ScoreCondition) -> Bool {
        lhs.kind == rhs.kind && lhs.terms.map(\.0) == rhs.terms.map(\.0) && lhs.terms.map(\.1) == rhs.terms.map(\.1)
    }

    static let operators: [NumberComparison.Operator] = [.gt, .gte, .lt, .lte]

    private static func rank(_ op: NumberComparison.Operator) -> Int {
        NumberComparison.Operator.allCases.firstIndex(of: op) ?? 0
    }
}

extension ScoreCondition: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: ["kind"] + Self.operators.map(\.rawValue), what: "a score condition")
        let kinds = ModelKind.scores.map(\.rawValue)
        let name = try object.require(String.self, "kind", hint: "one of " + kinds.joined(separator: ", "))
        guard let kind = ModelKind(rawValue: name), ModelKind.scores.contains(kind) else {
            throw object.invalid("kind", "is not a score model", hint: "one of " + kinds.joined(separator: ", "))
        }
        let range: ClosedRange<Double> = kind == .clv ? 0...1e15 : 0...1
        var terms: [(NumberComparison.Operator, Double)] = []
        for op in Self.operators {
            guard let value = try object.decode(Double.self, op.rawValue) else { continue }
            guard value.isFinite, range.contains(value) else {
                throw object.invalid(
                    op.rawValue, kind == .clv ? "must be a value from 0 to 10^15" : "must be a probability from 0 to 1",
                    hint: kind == .clv ? "lifetime value in minor units (cents)" : nil)
            }
            terms.append((op, value))
        }
        guard !terms.isEmpty else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must hold at least one of gt, gte, lt, lte",
                hint: "for example {\"kind\": \"churn\", \"gte\": 0.6}")
        }
        self.init(kind: kind, terms: terms)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        try container.encode(kind.rawValue, forKey: RuleKey("kind"))
        for (op, value) in terms { try container.encode(value, forKey: RuleKey(op.rawValue)) }
    }
}
