/// Frequent itemsets and association rules ("bought together"), exact: the estimator, holding
/// only its parameters; `fit` returns the mined model as a separate value (scikit-learn's pattern),
/// so one estimator can be fitted on many tenants' baskets concurrently.
///
/// Itemsets come from FP-Growth and rules from every split of each frequent itemset. Thresholds
/// compare integer support counts, and confidence and lift are computed with mlxtend's
/// floating-point arithmetic, so itemset and rule counts equal mlxtend's on the same baskets
/// (see `MinimumSupport` and `RuleArithmetic` for the exact rules).
public struct AssociationRules: Sendable, Hashable, Codable {
    public var parameters: AssociationRuleParameters

    public init(parameters: AssociationRuleParameters) {
        self.parameters = parameters
    }

    /// Mines `transactions`, one basket per element. A basket is a set: an item repeated in it
    /// counts once. Empty baskets count among the baskets (they lower every support), as in a
    /// one-hot basket matrix.
    ///
    /// The result does not depend on the order of baskets or of items within them.
    public func fit<Item: Hashable & Comparable & Sendable & Codable>(
        transactions: [[Item]]
    ) throws(AssociationRulesError) -> FittedAssociationRules<Item> {
        try parameters.validate()
        guard !transactions.isEmpty else { throw .noTransactions }
        let transactionCount = transactions.count
        let minCount = parameters.minSupport.requiredCount(transactionCount: transactionCount)
        let (vocabulary, baskets) = ItemVocabulary.encoding(transactions, minCount: minCount)
        let itemsets = FPGrowth(minCount: minCount, maxLength: parameters.maxLength)
            .mine(baskets, itemCount: vocabulary.items.count)
        let rules = RuleGenerator(parameters: parameters, transactionCount: transactionCount)
            .rules(from: itemsets)
        let order = CanonicalOrder(rankOfId: vocabulary.rankOfId)
        let decode = { (ranks: [Int32]) in ranks.map { vocabulary.itemsInOrder[Int($0)] } }
        return FittedAssociationRules(
            parameters: parameters,
            transactionCount: transactionCount,
            minSupportCount: minCount,
            frequentItemsets: order.itemsets(itemsets).map {
                FrequentItemset(items: decode($0.items), supportCount: $0.count, transactionCount: transactionCount)
            },
            rules: order.rules(rules).map {
                AssociationRule(
                    antecedent: decode($0.antecedent), consequent: decode($0.consequent),
                    supportCount: $0.supportCount, antecedentSupportCount: $0.antecedentCount,
                    consequentSupportCount: $0.consequentCount, transactionCount: transactionCount)
            })
    }
}
