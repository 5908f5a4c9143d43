/// Splits each frequent itemset into antecedent and consequent in every allowed way and keeps
/// the rules that pass the confidence and lift thresholds.
///
/// Works on item ids and integer counts; the supports of both sides are looked up among the
/// frequent itemsets, which downward closure guarantees hold every subset of a frequent itemset.
struct RuleGenerator {
    /// A rule as item ids with its counts, and the two metrics it was kept for, which also
    /// order the rules.
    struct Rule {
        let antecedent: [Int32]
        let consequent: [Int32]
        let supportCount: Int
        let antecedentCount: Int
        let consequentCount: Int
        let confidence: Double
        let lift: Double
    }

    let parameters: AssociationRuleParameters
    let transactionCount: Int

    func rules(from itemsets: [FPGrowth.Itemset]) -> [Rule] {
        var countOf: [[Int32]: Int] = [:]
        countOf.reserveCapacity(itemsets.count + 1)
        for itemset in itemsets {
            countOf[itemset.items] = itemset.count
        }
        // The empty antecedent is held by every basket.
        countOf[[]] = transactionCount
        var rules: [Rule] = []
        for itemset in itemsets {
            let length = itemset.items.count
            let longestConsequent = min(parameters.maxConsequentLength ?? length, length)
            let shortestAntecedent = parameters.includeEmptyAntecedent ? 0 : 1
            let antecedentSizes = stride(
                from: length - 1, through: max(shortestAntecedent, length - longestConsequent), by: -1)
            for size in antecedentSizes {
                Combinations.forEach(of: length, size: size) { positions in
                    let antecedent = positions.map { itemset.items[$0] }
                    let consequent = itemset.items.filter { !antecedent.contains($0) }
                    if let rule = rule(
                        antecedent: antecedent, consequent: consequent, supportCount: itemset.count, countOf: countOf)
                    {
                        rules.append(rule)
                    }
                }
            }
        }
        return rules
    }

    /// The rule when it passes the thresholds, compared as mlxtend compares them.
    private func rule(antecedent: [Int32], consequent: [Int32], supportCount: Int, countOf: [[Int32]: Int]) -> Rule? {
        guard let antecedentCount = countOf[antecedent], let consequentCount = countOf[consequent] else {
            return nil
        }
        let confidence = RuleArithmetic.confidence(
            supportCount: supportCount, antecedentCount: antecedentCount, transactionCount: transactionCount)
        guard confidence >= parameters.minConfidence else { return nil }
        let lift = RuleArithmetic.lift(
            confidence: confidence, consequentCount: consequentCount, transactionCount: transactionCount)
        guard lift >= parameters.minLift else { return nil }
        return Rule(
            antecedent: antecedent, consequent: consequent, supportCount: supportCount,
            antecedentCount: antecedentCount, consequentCount: consequentCount, confidence: confidence, lift: lift)
    }
}
