/// A kind of model the registry keeps versions of. Each trainable kind has a worker job,
/// `train:<kind>`, and one serving version per tenant at most.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    /// Bought together: frequent itemsets and association rules over baskets.
    case associationRules = "association_rules"
    /// Purchase propensity: the probability of an order in the next days (logistic regression).
    case propensity
    /// Churn risk: the probability of no order in the next days, for customers (logistic regression).
    case churn
    /// Customer lifetime value: expected purchases and spend over months (BG/NBD + Gamma-Gamma).
    case clv
    /// Personal recommendations: item-kNN or implicit ALS, with a popularity fallback.
    case recommender
    /// Automatic segments: k-means clusters of customers on standardised RFM and behaviour.
    case segmentation

    /// The job kind that trains it.
    public var trainingJobKind: String { "train:" + rawValue }

    /// The kinds that write a score on every profile.
    public static let scores: [ModelKind] = [.propensity, .churn, .clv]
}
