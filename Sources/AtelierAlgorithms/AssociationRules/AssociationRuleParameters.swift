/// What `AssociationRules.fit` mines: the thresholds and shape limits, kept apart from the
/// fitted result as in scikit-learn, and stored with it so an artifact says how it was made.
///
/// The defaults reproduce mlxtend (`fpgrowth` then `association_rules` with `metric="confidence"`,
/// then a filter on lift). R's arules differs in two conventions, both reachable here:
/// it also emits rules with an empty antecedent ({} → X, confidence = support of X), and only
/// rules with a single item on the right; set `includeEmptyAntecedent = true` and
/// `maxConsequentLength = 1` for those.
public struct AssociationRuleParameters: Sendable, Hashable, Codable {
    /// The support an itemset needs to be frequent. Rules come only from frequent itemsets.
    public var minSupport: MinimumSupport
    /// The confidence a rule needs, in [0, 1], compared with mlxtend's arithmetic
    /// (see `RuleArithmetic`). mlxtend's default is 0.8.
    public var minConfidence: Double
    /// The lift a rule needs besides its confidence; 0 keeps every rule.
    public var minLift: Double
    /// The largest itemset mined (mlxtend's `max_len`, arules' `maxlen`); nil for no limit.
    /// Rules never hold more items than this in total.
    public var maxLength: Int?
    /// The most items a rule's consequent may hold; nil for no limit (mlxtend), 1 for arules.
    public var maxConsequentLength: Int?
    /// Whether to emit {} → X for every frequent itemset X that passes the thresholds, as arules
    /// does; its confidence is the support of X and its lift 1 (up to rounding). Off by default, as in mlxtend,
    /// because such a rule says nothing about the basket: it is popularity, which Atelier's
    /// popularity model already serves.
    public var includeEmptyAntecedent: Bool

    public init(
        minSupport: MinimumSupport,
        minConfidence: Double = 0.8,
        minLift: Double = 0,
        maxLength: Int? = nil,
        maxConsequentLength: Int? = nil,
        includeEmptyAntecedent: Bool = false
    ) {
        self.minSupport = minSupport
        self.minConfidence = minConfidence
        self.minLift = minLift
        self.maxLength = maxLength
        self.maxConsequentLength = maxConsequentLength
        self.includeEmptyAntecedent = includeEmptyAntecedent
    }

    /// Refuses parameters that would make the result meaningless, with the field at fault.
    func validate() throws(AssociationRulesError) {
        try minSupport.validate()
        guard minConfidence >= 0, minConfidence <= 1 else {
            throw .minConfidenceOutOfRange(minConfidence)
        }
        guard minLift >= 0, minLift.isFinite else {
            throw .minLiftOutOfRange(minLift)
        }
        if let maxLength, maxLength < 1 {
            throw .maxLengthNotPositive(maxLength)
        }
        if let maxConsequentLength, maxConsequentLength < 1 {
            throw .maxConsequentLengthNotPositive(maxConsequentLength)
        }
    }
}
