import AtelierAlgorithms

/// Parameters of a propensity or churn model, stored with each version.
public struct ClassifierParameters: Sendable, Equatable, Codable {
    /// The label's window in days: an order within it (propensity), or none (churn). Nil takes
    /// the kind's default: 30 for propensity, 90 for churn. Set per tenant in its model settings.
    public var horizonDays: Int?
    /// Inverse of the L2 regularisation strength (scikit-learn's `C`).
    public var inverseRegularization: Double
    /// `uniform` by default, so scores are calibrated probabilities; `balanced` weighs the
    /// rarer class up (better ranking of rare buyers, probabilities no longer calibrated).
    public var classWeighting: ClassWeighting

    public init(horizonDays: Int? = nil, inverseRegularization: Double = 1, classWeighting: ClassWeighting = .uniform) {
        self.horizonDays = horizonDays
        self.inverseRegularization = inverseRegularization
        self.classWeighting = classWeighting
    }

    /// Members left out take their defaults, so stored settings survive new parameters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ClassifierParameters()
        horizonDays = try container.decodeIfPresent(Int.self, forKey: .horizonDays)
        inverseRegularization =
            try container.decodeIfPresent(Double.self, forKey: .inverseRegularization) ?? defaults.inverseRegularization
        classWeighting = try container.decodeIfPresent(ClassWeighting.self, forKey: .classWeighting) ?? defaults.classWeighting
    }

    /// The label window for `kind`.
    public func horizon(for kind: ModelKind) -> Int {
        horizonDays ?? (kind == .churn ? 90 : 30)
    }

    public func validate() throws(DomainError) {
        if let horizonDays, !(7...365).contains(horizonDays) {
            throw .invalid(field: "/horizonDays", reason: "must be from 7 to 365", hint: "days after the scoring date")
        }
        guard inverseRegularization > 0, inverseRegularization <= 1e6 else {
            throw .invalid(field: "/inverseRegularization", reason: "must be in (0, 1e6]", hint: "smaller is stronger, e.g. 1")
        }
    }
}
