/// A segment's definition: conditions on a person combined with `and`, `or` and `not`. Each
/// node is a JSON object with exactly one member naming what it is:
///
/// ```json
/// {"and": [
///   {"event": {"name": "Product Viewed", "where": {"category": "bags"}, "within": "14 days", "count": {"gte": 3}}},
///   {"not": {"purchase": {"within": "14 days"}}},
///   {"consent": {"purpose": "marketing_email"}}
/// ]}
/// ```
///
/// Kinds: `trait`, `identifier`, `consent`, `purchase`, `event`, `rfm`, `score` (a serving
/// score model's score) and `cluster` (a cluster of a segmentation version); see their types.
public indirect enum SegmentRule: Sendable, Equatable {
    case and([SegmentRule])
    case or([SegmentRule])
    case not(SegmentRule)
    case trait(TraitCondition)
    case identifier(IdentifierCondition)
    case consent(ConsentCondition)
    case purchase(PurchaseCondition)
    case event(EventCondition)
    case rfm(RFMCondition)
    case score(ScoreCondition)
    case cluster(ClusterCondition)

    /// The most conditions (leaves) one rule may hold, so its SQL stays bounded.
    public static let maximumConditions = 50
    /// The deepest nesting of `and`/`or`/`not`.
    public static let maximumDepth = 8

    static let kinds = ["and", "or", "not", "trait", "identifier", "consent", "purchase", "event", "rfm", "score", "cluster"]

    /// The number of leaves.
    var conditionCount: Int {
        switch self {
        case .and(let rules), .or(let rules): rules.reduce(0) { $0 + $1.conditionCount }
        case .not(let rule): rule.conditionCount
        default: 1
        }
    }

    var depth: Int {
        switch self {
        case .and(let rules), .or(let rules): 1 + (rules.map(\.depth).max() ?? 0)
        case .not(let rule): 1 + rule.depth
        default: 0
        }
    }
}

extension SegmentRule: Codable {
    public init(from decoder: any Decoder) throws {
        let object = try RuleObject(decoder, allowed: Self.kinds, what: "a rule node")
        guard object.keys.count == 1, let kind = object.keys.first else {
            throw DomainError.invalid(
                field: object.pointer, reason: "must hold exactly one member naming the condition or combination",
                hint: "one of " + Self.kinds.joined(separator: ", "))
        }
        switch kind {
        case "and", "or":
            let rules = try object.require([SegmentRule].self, kind)
            guard (1...Self.maximumConditions).contains(rules.count) else {
                throw object.invalid(kind, "must hold 1 to \(Self.maximumConditions) rules")
            }
            self = kind == "and" ? .and(rules) : .or(rules)
        case "not": self = .not(try object.require(SegmentRule.self, kind))
        case "trait": self = .trait(try object.require(TraitCondition.self, kind))
        case "identifier": self = .identifier(try object.require(IdentifierCondition.self, kind))
        case "consent": self = .consent(try object.require(ConsentCondition.self, kind))
        case "purchase": self = .purchase(try object.require(PurchaseCondition.self, kind))
        case "event": self = .event(try object.require(EventCondition.self, kind))
        case "score": self = .score(try object.require(ScoreCondition.self, kind))
        case "cluster": self = .cluster(try object.require(ClusterCondition.self, kind))
        default: self = .rfm(try object.require(RFMCondition.self, kind))
        }
        if depth > Self.maximumDepth {
            throw DomainError.invalid(
                field: object.pointer, reason: "nests and/or/not deeper than \(Self.maximumDepth) levels", hint: nil)
        }
        if conditionCount > Self.maximumConditions {
            throw DomainError.invalid(
                field: object.pointer, reason: "holds more than \(Self.maximumConditions) conditions",
                hint: "split it into several segments")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleKey.self)
        switch self {
        case .and(let rules): try container.encode(rules, forKey: RuleKey("and"))
        case .or(let rules): try container.encode(rules, forKey: RuleKey("or"))
        case .not(let rule): try container.encode(rule, forKey: RuleKey("not"))
        case .trait(let condition): try container.encode(condition, forKey: RuleKey("trait"))
        case .identifier(let condition): try container.encode(condition, forKey: RuleKey("identifier"))
        case .consent(let condition): try container.encode(condition, forKey: RuleKey("consent"))
        case .purchase(let condition): try container.encode(condition, forKey: RuleKey("purchase"))
        case .event(let condition): try container.encode(condition, forKey: RuleKey("event"))
        case .rfm(let condition): try container.encode(condition, forKey: RuleKey("rfm"))
        case .score(let condition): try container.encode(condition, forKey: RuleKey("score"))
        case .cluster(let condition): try container.encode(condition, forKey: RuleKey("cluster"))
        }
    }
}
