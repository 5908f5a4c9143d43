/// Parameters of a lifetime-value model (BG/NBD for purchases, Gamma-Gamma for spend), stored
/// with each version.
public struct LifetimeValueParameters: Sendable, Equatable, Codable {
    /// The last this-many days are held out: the model fitted before them predicts them.
    public var holdoutDays: Int
    /// Horizon of the value, in months.
    public var months: Int
    public var monthlyDiscountRate: Double
    /// L2 penalty of both fits (lifetimes' `penalizer_coef`).
    public var penalizer: Double

    public init(holdoutDays: Int = 90, months: Int = 12, monthlyDiscountRate: Double = 0.01, penalizer: Double = 0.001) {
        self.holdoutDays = holdoutDays
        self.months = months
        self.monthlyDiscountRate = monthlyDiscountRate
        self.penalizer = penalizer
    }

    /// Members left out take their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = LifetimeValueParameters()
        holdoutDays = try container.decodeIfPresent(Int.self, forKey: .holdoutDays) ?? defaults.holdoutDays
        months = try container.decodeIfPresent(Int.self, forKey: .months) ?? defaults.months
        monthlyDiscountRate =
            try container.decodeIfPresent(Double.self, forKey: .monthlyDiscountRate) ?? defaults.monthlyDiscountRate
        penalizer = try container.decodeIfPresent(Double.self, forKey: .penalizer) ?? defaults.penalizer
    }

    public func validate() throws(DomainError) {
        guard (14...365).contains(holdoutDays) else {
            throw .invalid(field: "/holdoutDays", reason: "must be from 14 to 365", hint: nil)
        }
        guard (1...60).contains(months) else { throw .invalid(field: "/months", reason: "must be from 1 to 60", hint: nil) }
        guard (0...0.5).contains(monthlyDiscountRate) else {
            throw .invalid(field: "/monthlyDiscountRate", reason: "must be in [0, 0.5]", hint: "e.g. 0.01 a month")
        }
        guard (0...10).contains(penalizer) else { throw .invalid(field: "/penalizer", reason: "must be in [0, 10]", hint: nil) }
    }
}
