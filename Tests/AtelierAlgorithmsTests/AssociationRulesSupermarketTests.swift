import AtelierAlgorithms
import Foundation
import Testing

/// Atelier against mlxtend on real baskets: Weka's supermarket data (4,627 baskets, 216
/// departments), at the thresholds of Fixtures/association_rules_supermarket.json, written by
/// scripts/reference/association_rules_reference.py. Counts must be EQUAL, not close.
///
/// The data is not committed; without it this suite fails (never skips) and says how to fetch it.
@Suite("Association rules: supermarket baskets vs mlxtend")
struct AssociationRulesSupermarketTests {
    @Test("itemset and rule counts equal mlxtend's; top rules' metrics match within 1e-9")
    func matchesMlxtend() throws {
        let fixture = try AssociationRulesFixture.load()
        let data = try SupermarketBaskets()
        #expect(data.baskets.count == fixture.transactions)
        #expect(data.departmentCount == fixture.items)
        for reference in fixture.cases {
            try check(reference, on: data.baskets)
        }
    }

    private func check(_ reference: AssociationRulesFixture.Case, on baskets: [[String]]) throws {
        let parameters = AssociationRuleParameters(
            minSupport: .fraction(reference.minSupport), minConfidence: reference.minConfidence,
            minLift: reference.minLift ?? 0, maxLength: reference.maxLen)
        let clock = ContinuousClock()
        let start = clock.now
        let model = try AssociationRules(parameters: parameters).fit(transactions: baskets)
        let elapsed = clock.now - start
        print("association rules, \(reference.label): \(model.frequentItemsets.count) itemsets, "
            + "\(model.rules.count) rules in \(elapsed) (mlxtend \(reference.mlxtendFitSeconds) s)")

        let byLength = Dictionary(grouping: model.frequentItemsets, by: { "\($0.items.count)" }).mapValues(\.count)
        #expect(model.frequentItemsets.count == reference.frequentItemsets, "\(reference.label)")
        #expect(byLength == reference.frequentItemsetsByLength, "\(reference.label)")
        #expect(model.rules.count == reference.rules, "\(reference.label)")

        let ranked = model.rules.prefix(reference.topRules.count)
        #expect(ranked.count == reference.topRules.count, "\(reference.label)")
        for (rule, expected) in zip(ranked, reference.topRules) {
            #expect(rule.antecedent == expected.antecedents, "\(reference.label)")
            #expect(rule.consequent == expected.consequents, "\(reference.label)")
            #expect(abs(rule.support - expected.support) < 1e-9, "\(reference.label)")
            #expect(abs(rule.confidence - expected.confidence) < 1e-9, "\(reference.label)")
            #expect(abs(rule.lift - expected.lift) < 1e-9, "\(reference.label)")
            #expect(abs(rule.leverage - expected.leverage) < 1e-9, "\(reference.label)")
            if let conviction = expected.conviction {
                #expect(abs(rule.conviction - conviction) < 1e-9, "\(reference.label)")
            } else {
                #expect(rule.conviction == .infinity, "\(reference.label)")
            }
        }

        var arulesStyle = parameters
        arulesStyle.includeEmptyAntecedent = true
        let withEmpty = try AssociationRules(parameters: arulesStyle).fit(transactions: baskets)
        #expect(withEmpty.rules.count == reference.rulesWithEmptyAntecedent, "\(reference.label)")
        var singleConsequent = parameters
        singleConsequent.maxConsequentLength = 1
        let single = try AssociationRules(parameters: singleConsequent).fit(transactions: baskets)
        #expect(single.rules.count == reference.rulesWithSingleConsequent, "\(reference.label)")
    }
}
