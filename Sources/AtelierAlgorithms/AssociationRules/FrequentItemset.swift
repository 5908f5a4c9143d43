/// A set of items bought together in at least the minimum number of baskets.
///
/// Stores the integer support count, not a ratio: counts are what thresholds compare and what
/// other implementations are checked against, and they serialise exactly.
public struct FrequentItemset<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    /// The items, in ascending order.
    public let items: [Item]
    /// How many baskets hold all of `items`.
    public let supportCount: Int
    /// How many baskets the model was fitted on.
    public let transactionCount: Int

    /// The share of baskets holding all of `items`, computed as mlxtend does.
    public var support: Double {
        RuleArithmetic.support(count: supportCount, transactionCount: transactionCount)
    }
}
