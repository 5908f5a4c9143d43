/// How a measured number (a count, units, an amount, a score) must compare: one or more of
/// `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, all of which must hold (`{"gte": 2, "lt": 5}`).
public struct NumberComparison: Sendable, Equatable, Codable {
    public enum Operator: String, Sendable, CaseIterable, Codable {
        case eq, ne, gt, gte, lt, lte

        /// The SQL operator: the only text of a comparison that reaches SQL (values are bound).
        var sql: String {
            switch self {
            case .eq: "="
            case .ne: "<>"
            case .gt: ">"
            case .gte: ">="
            case .lt: "<"
            case .lte: "<="
            }
        }
    }

    /// In `Operator.allCases` order, so the canonical encoding is stable.
    public var terms: [(Operator, Int64)]

    public init(_ terms: [(Operator, Int64)]) {
        self.terms = terms.sorted { Self.rank($0.0) < Self.rank($1.0) }
    }

    /// `gte 1`: "at least once", the default of counts.
    public static let atLeastOnce = NumberComparison([(.gte, 1)])

    public static func == (lhs: NumberComparison, rhs: NumberComparison) -> Bool {
        lhs.terms.map(\.0) == rhs.terms.map(\.0) && lhs.terms.map(\.1) == rhs.terms.map(\.1)
    }

    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: Operator.allCases.map(\.rawValue), what: "a comparison")
        var terms: [(Operator, Int64)] = []
        for key in object.keys {
            guard let op = Operator(rawValue: key) else { continue }
            let number = try object.require(Double.self, key)
            guard number.rounded() == number, abs(number) < 9_007_199_254_740_992 else {
                throw object.invalid(key, "must be an integer", hint: "amounts are in minor units (cents)")
            }
            terms.append((op, Int64(number)))
        }
        guard !terms.isEmpty else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must hold at least one of eq, ne, gt, gte, lt, lte",
                hint: "for example {\"gte\": 3}")
        }
        self.init(terms)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        for (op, value) in terms { try container.encode(value, forKey: RuleKey(op.rawValue)) }
    }

    /// Refuses terms outside `range` (e.g. RFM scores 1...5), naming the term.
    func check(within range: ClosedRange<Int64>, field: String) throws(DomainError) {
        for (op, value) in terms where !range.contains(value) {
            throw .invalid(
                field: field + "/" + op.rawValue, reason: "must be from \(range.lowerBound) to \(range.upperBound)",
                hint: nil)
        }
    }

    private static func rank(_ op: Operator) -> Int {
        Operator.allCases.firstIndex(of: op) ?? 0
    }
}
