/// "Baskets with the antecedent also hold the consequent": a rule drawn from one frequent itemset.
///
/// Only integer counts are stored; every metric is derived from them with mlxtend's arithmetic
/// (`RuleArithmetic`), so a serialised rule is exact, small, and free of the infinite conviction
/// that JSON cannot carry.
public struct AssociationRule<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    /// The items in the basket, ascending; empty only for {} → X rules
    /// (`AssociationRuleParameters.includeEmptyAntecedent`).
    public let antecedent: [Item]
    /// The items predicted, ascending, never empty, disjoint from `antecedent`.
    public let consequent: [Item]
    /// Baskets holding antecedent and consequent together.
    public let supportCount: Int
    /// Baskets holding the antecedent (all of them when it is empty).
    public let antecedentSupportCount: Int
    /// Baskets holding the consequent.
    public let consequentSupportCount: Int
    /// How many baskets the model was fitted on.
    public let transactionCount: Int

    /// The share of baskets holding antecedent and consequent together.
    public var support: Double {
        RuleArithmetic.support(count: supportCount, transactionCount: transactionCount)
    }

    /// The share of baskets holding the antecedent.
    public var antecedentSupport: Double {
        RuleArithmetic.support(count: antecedentSupportCount, transactionCount: transactionCount)
    }

    /// The share of baskets holding the consequent.
    public var consequentSupport: Double {
        RuleArithmetic.support(count: consequentSupportCount, transactionCount: transactionCount)
    }

    /// The share of baskets with the antecedent that also hold the consequent.
    public var confidence: Double {
        RuleArithmetic.confidence(
            supportCount: supportCount, antecedentCount: antecedentSupportCount, transactionCount: transactionCount)
    }

    /// How much more often the consequent comes with the antecedent than on its own (1: independent).
    public var lift: Double {
        RuleArithmetic.lift(
            confidence: confidence, consequentCount: consequentSupportCount, transactionCount: transactionCount)
    }

    /// Support together minus support expected under independence.
    public var leverage: Double {
        RuleArithmetic.leverage(
            supportCount: supportCount, antecedentCount: antecedentSupportCount,
            consequentCount: consequentSupportCount, transactionCount: transactionCount)
    }

    /// How much more often the rule would be wrong if the two sides were independent;
    /// infinite when the confidence is 1.
    public var conviction: Double {
        RuleArithmetic.conviction(
            confidence: confidence, consequentCount: consequentSupportCount, transactionCount: transactionCount)
    }
}
