/// What `AssociationRules.fit` mined: the frequent itemsets and rules, with the parameters and
/// threshold that produced them. A plain Codable value, so the worker can store it as a model
/// artifact and the API can load it to answer "bought together" without the raw baskets.
///
/// Holds no identifiers, only item sets and counts, so erasing a customer need not delete it
/// (their baskets leave the next fit) — provided the minimum support spans several baskets: at a
/// count of 1 an itemset can be one person's basket.
public struct FittedAssociationRules<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    public let parameters: AssociationRuleParameters
    /// How many baskets were mined.
    public let transactionCount: Int
    /// The support count an itemset needed, derived from `parameters.minSupport`.
    public let minSupportCount: Int
    /// Every frequent itemset, shortest first, then in ascending item order.
    public let frequentItemsets: [FrequentItemset<Item>]
    /// Every rule that passed the thresholds, strongest first: by confidence, then lift, then
    /// antecedent and consequent in ascending item order.
    public let rules: [AssociationRule<Item>]

    /// Takes itemsets and rules already in the order documented above (`CanonicalOrder`).
    init(
        parameters: AssociationRuleParameters, transactionCount: Int, minSupportCount: Int,
        frequentItemsets: [FrequentItemset<Item>], rules: [AssociationRule<Item>]
    ) {
        self.parameters = parameters
        self.transactionCount = transactionCount
        self.minSupportCount = minSupportCount
        self.frequentItemsets = frequentItemsets
        self.rules = rules
    }

    /// Items to suggest for a basket, best first, at most `limit` (none when `limit` ≤ 0).
    ///
    /// A rule applies when the basket holds its whole antecedent and none of its consequent; each
    /// consequent item is suggested once, with the strongest applicable rule that names it, and
    /// items are ranked by that rule's confidence, then lift, then item order. Rules whose
    /// consequent overlaps the basket are skipped: the rule with the overlap moved into the
    /// antecedent has at least the same confidence and says the same thing better.
    public func recommend(basket: [Item], limit: Int) -> [BasketRecommendation<Item>] {
        guard limit > 0 else { return [] }
        let inBasket = Set(basket)
        var best: [Item: AssociationRule<Item>] = [:]
        for rule in rules
        where rule.antecedent.allSatisfy(inBasket.contains) && !rule.consequent.contains(where: inBasket.contains) {
            for item in rule.consequent where best[item] == nil {
                // Rules are sorted strongest first, so the first rule naming an item is its best.
                best[item] = rule
            }
        }
        let ranked = best.map { BasketRecommendation(item: $0.key, rule: $0.value) }.sorted {
            Self.isStronger($0.rule, $1.rule) || (!Self.isStronger($1.rule, $0.rule) && $0.item < $1.item)
        }
        return Array(ranked.prefix(limit))
    }

    /// Confidence, then lift, then items: the order of `rules`, a total order, so rankings never
    /// depend on hashing.
    private static func isStronger(_ left: AssociationRule<Item>, _ right: AssociationRule<Item>) -> Bool {
        if left.confidence != right.confidence { return left.confidence > right.confidence }
        if left.lift != right.lift { return left.lift > right.lift }
        if left.antecedent != right.antecedent { return left.antecedent.lexicographicallyPrecedes(right.antecedent) }
        return left.consequent.lexicographicallyPrecedes(right.consequent)
    }
}
