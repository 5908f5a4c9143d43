/// A kind of model the registry keeps versions of. Each trainable kind has a worker job,
/// `train:<kind>`, and one serving version per tenant at most.
public enum ModelKind: String, Sendable, CaseIterable, Codable {
    /// Bought together: frequent itemsets and association rules over baskets.
    case associationRules = "association_rules"

    /// The job kind that trains it.
    public var trainingJobKind: String { "train:" + rawValue }
}
