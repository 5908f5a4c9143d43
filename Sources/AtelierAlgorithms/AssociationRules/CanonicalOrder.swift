/// Puts mined itemsets and rules in the order `FittedAssociationRules` reports them, working on
/// item ranks (positions in ascending item order) rather than on items.
///
/// Why ranks: comparing integers instead of caller-chosen items (often strings, compared through
/// generic witnesses) makes the sort of tens of thousands of rules cheap, and ranks order exactly
/// as the items do, so the result is the same total order.
struct CanonicalOrder {
    /// For each item id, its item's position in ascending item order.
    let rankOfId: [Int32]

    /// Itemsets as ascending ranks, shortest first, then lexicographically.
    func itemsets(_ itemsets: [FPGrowth.Itemset]) -> [FPGrowth.Itemset] {
        itemsets.map { FPGrowth.Itemset(items: ranks($0.items), count: $0.count) }.sorted {
            $0.items.count != $1.items.count ? $0.items.count < $1.items.count : $0.items.lexicographicallyPrecedes($1.items)
        }
    }

    /// Rules with both sides as ascending ranks, by confidence, then lift (both descending),
    /// then antecedent and consequent lexicographically.
    func rules(_ rules: [RuleGenerator.Rule]) -> [RuleGenerator.Rule] {
        rules.map {
            RuleGenerator.Rule(
                antecedent: ranks($0.antecedent), consequent: ranks($0.consequent), supportCount: $0.supportCount,
                antecedentCount: $0.antecedentCount, consequentCount: $0.consequentCount,
                confidence: $0.confidence, lift: $0.lift)
        }.sorted { left, right in
            if left.confidence != right.confidence { return left.confidence > right.confidence }
            if left.lift != right.lift { return left.lift > right.lift }
            if left.antecedent != right.antecedent { return left.antecedent.lexicographicallyPrecedes(right.antecedent) }
            return left.consequent.lexicographicallyPrecedes(right.consequent)
        }
    }

    private func ranks(_ ids: [Int32]) -> [Int32] {
        ids.map { rankOfId[Int($0)] }.sorted()
    }
}
