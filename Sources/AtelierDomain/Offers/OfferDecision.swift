/// The next best offer for a profile, and why: the discount (0 for none), the items to show,
/// the scores it was decided on and the rule that decided.
public struct OfferDecision: Sendable, Equatable {
    /// False when the profile does not permit personalization (or is unknown): the answer then
    /// uses nothing of the person.
    public var personalised: Bool
    public var discountPercent: Int
    public var items: RelatedItemsAnswer
    public var propensity: Double?
    public var churnRisk: Double?
    public var lifetimeValueMinor: Double?
    /// The serving versions the scores came from, by kind.
    public var modelVersions: [ModelKind: Int]
    /// The rule that decided, in one stable word (`not_personalised`, `no_scores`, `likely_to_buy`,
    /// `valuable_at_risk`, `scaled_by_propensity`), and the reason in words.
    public var rule: String
    public var reason: String
    public var rules: OfferRules
}
