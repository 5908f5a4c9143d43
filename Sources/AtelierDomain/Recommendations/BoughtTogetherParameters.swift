/// Parameters of the bought-together model, stored with each version. The support floor in
/// baskets keeps every rule an aggregate of several customers, so no rule singles out a person.
public struct BoughtTogetherParameters: Sendable, Equatable, Codable {
    /// Minimum support as a share of the training baskets.
    public var minSupport: Double
    /// Minimum support in baskets, whatever the share says.
    public var minSupportCount: Int
    public var minConfidence: Double
    public var minLift: Double
    /// Longest itemset mined (antecedent plus consequent).
    public var maxLength: Int
    /// The holdout: the last this-many days of baskets are kept out of training and used to
    /// compare this version with the popularity baseline and the serving version.
    public var holdoutDays: Int
    /// Recommendations per item scored on the holdout (hit rate at k).
    public var k: Int

    public init(
        minSupport: Double = 0.001, minSupportCount: Int = 5, minConfidence: Double = 0.05, minLift: Double = 1,
        maxLength: Int = 3, holdoutDays: Int = 30, k: Int = 10
    ) {
        self.minSupport = minSupport
        self.minSupportCount = minSupportCount
        self.minConfidence = minConfidence
        self.minLift = minLift
        self.maxLength = maxLength
        self.holdoutDays = holdoutDays
        self.k = k
    }

    public static let `default` = BoughtTogetherParameters()

    /// Members left out take their defaults, so stored settings survive new parameters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self.default
        minSupport = try container.decodeIfPresent(Double.self, forKey: .minSupport) ?? defaults.minSupport
        minSupportCount = try container.decodeIfPresent(Int.self, forKey: .minSupportCount) ?? defaults.minSupportCount
        minConfidence = try container.decodeIfPresent(Double.self, forKey: .minConfidence) ?? defaults.minConfidence
        minLift = try container.decodeIfPresent(Double.self, forKey: .minLift) ?? defaults.minLift
        maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength) ?? defaults.maxLength
        holdoutDays = try container.decodeIfPresent(Int.self, forKey: .holdoutDays) ?? defaults.holdoutDays
        k = try container.decodeIfPresent(Int.self, forKey: .k) ?? defaults.k
    }

    /// Refuses values the miner would refuse, naming the field.
    public func validate() throws(DomainError) {
        guard minSupport > 0, minSupport <= 1 else {
            throw .invalid(field: "/minSupport", reason: "must be in (0, 1]", hint: "a share of baskets, e.g. 0.001")
        }
        guard minSupportCount >= 2 else {
            throw .invalid(field: "/minSupportCount", reason: "must be at least 2", hint: "so no rule describes one basket")
        }
        guard (0...1).contains(minConfidence) else { throw .invalid(field: "/minConfidence", reason: "must be in [0, 1]", hint: nil) }
        guard minLift >= 0 else { throw .invalid(field: "/minLift", reason: "must be at least 0", hint: nil) }
        guard (2...5).contains(maxLength) else { throw .invalid(field: "/maxLength", reason: "must be from 2 to 5", hint: nil) }
        guard (1...365).contains(holdoutDays) else { throw .invalid(field: "/holdoutDays", reason: "must be from 1 to 365", hint: nil) }
        guard (1...100).contains(k) else { throw .invalid(field: "/k", reason: "must be from 1 to 100", hint: nil) }
    }
}
