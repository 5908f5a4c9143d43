/// Rule metrics computed from integer support counts with exactly the floating-point operations
/// mlxtend 0.25 performs, in the same order, so that a rule at a threshold's edge is kept or
/// dropped as mlxtend keeps or drops it.
///
/// Why replicate rather than compute the "true" ratio: the issue demands rule counts EQUAL to an
/// established implementation, and the edges are where they differ. mlxtend turns counts into
/// supports `s = count / N` and, since 0.23, computes confidence as `(sAC × N) / (sA × N)`; for
/// 12 baskets of 15 among 29 that is `0.7999999999999999`, so a rule of confidence exactly 4/5
/// fails `min_threshold=0.8` there (older mlxtend computed `sAC / sA`, which misses other cases,
/// e.g. 4 of 5 among 6). Atelier does the same operations and so drops the same rules.
enum RuleArithmetic {
    /// mlxtend's support: the count divided by the number of baskets.
    static func support(count: Int, transactionCount: Int) -> Double {
        Double(count) / Double(transactionCount)
    }

    /// mlxtend's `sAC * num_itemsets / (sA * num_itemsets - 0)`.
    static func confidence(supportCount: Int, antecedentCount: Int, transactionCount: Int) -> Double {
        let total = Double(transactionCount)
        let ruleSupport = support(count: supportCount, transactionCount: transactionCount)
        let antecedentSupport = support(count: antecedentCount, transactionCount: transactionCount)
        return (ruleSupport * total) / (antecedentSupport * total)
    }

    /// mlxtend's `confidence / sC`.
    static func lift(confidence: Double, consequentCount: Int, transactionCount: Int) -> Double {
        confidence / support(count: consequentCount, transactionCount: transactionCount)
    }

    /// mlxtend's `sAC - sA * sC`.
    static func leverage(supportCount: Int, antecedentCount: Int, consequentCount: Int, transactionCount: Int) -> Double {
        support(count: supportCount, transactionCount: transactionCount)
            - support(count: antecedentCount, transactionCount: transactionCount)
            * support(count: consequentCount, transactionCount: transactionCount)
    }

    /// mlxtend's `(1 - sC) / (1 - confidence)`, infinite when the confidence is 1.
    static func conviction(confidence: Double, consequentCount: Int, transactionCount: Int) -> Double {
        guard confidence < 1 else { return .infinity }
        return (1 - support(count: consequentCount, transactionCount: transactionCount)) / (1 - confidence)
    }
}
