import AtelierAlgorithms
import Foundation
import Testing

/// Hand-checked cases for `AssociationRules`. Every expected count below was also produced by
/// mlxtend 0.25.0 (`fpgrowth` + `association_rules(num_itemsets=len(df))`) on the same baskets.
@Suite("Association rules: hand-checked cases")
struct AssociationRulesTests {
    /// Han, Kamber & Pei, "Data Mining: Concepts and Techniques", table 6.1 (AllElectronics).
    static let allElectronics: [[String]] = [
        ["I1", "I2", "I5"], ["I2", "I4"], ["I2", "I3"], ["I1", "I2", "I4"], ["I1", "I3"],
        ["I2", "I3"], ["I1", "I3"], ["I1", "I2", "I3", "I5"], ["I1", "I2", "I3"],
    ]

    private func fit(
        _ transactions: [[String]], _ parameters: AssociationRuleParameters
    ) throws -> FittedAssociationRules<String> {
        try AssociationRules(parameters: parameters).fit(transactions: transactions)
    }

    private func supports(_ model: FittedAssociationRules<String>) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: model.frequentItemsets.map { ($0.items.joined(separator: ","), $0.supportCount) })
    }

    private func names(_ model: FittedAssociationRules<String>) -> [String] {
        model.rules.map { "\($0.antecedent.joined(separator: ",")) -> \($0.consequent.joined(separator: ","))" }
    }

    @Test("textbook itemsets and their support counts")
    func textbookItemsets() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .count(2)))
        #expect(model.minSupportCount == 2)
        #expect(supports(model) == [
            "I1": 6, "I2": 7, "I3": 6, "I4": 2, "I5": 2,
            "I1,I2": 4, "I1,I3": 4, "I1,I5": 2, "I2,I3": 4, "I2,I4": 2, "I2,I5": 2,
            "I1,I2,I3": 2, "I1,I2,I5": 2,
        ])
    }

    @Test("textbook rules at 70 % confidence, with their metrics")
    func textbookRules() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .fraction(2.0 / 9.0), minConfidence: 0.7))
        #expect(model.minSupportCount == 2)
        #expect(Set(names(model)) == [
            "I5 -> I1", "I5 -> I2", "I1,I5 -> I2", "I2,I5 -> I1", "I5 -> I1,I2", "I4 -> I2",
        ])
        let rule = try #require(model.rules.first { $0.antecedent == ["I5"] && $0.consequent == ["I1", "I2"] })
        #expect(rule.supportCount == 2)
        #expect(rule.antecedentSupportCount == 2)
        #expect(rule.consequentSupportCount == 4)
        #expect(rule.confidence == 1)
        #expect(abs(rule.lift - 9.0 / 4.0) < 1e-12)
        #expect(abs(rule.leverage - (2.0 / 9.0 - 2.0 / 9.0 * 4.0 / 9.0)) < 1e-12)
        #expect(rule.conviction == .infinity)
        let weaker = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0))
        #expect(weaker.rules.count == 24)
        let half = try #require(weaker.rules.first { $0.antecedent == ["I1", "I2"] && $0.consequent == ["I5"] })
        #expect(half.confidence == 0.5)
        #expect(abs(half.conviction - (1 - 2.0 / 9.0) / 0.5) < 1e-12)
    }

    @Test("rules are ranked by confidence, then lift")
    func ranking() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0))
        for (stronger, weaker) in zip(model.rules, model.rules.dropFirst()) {
            #expect(
                stronger.confidence > weaker.confidence
                    || (stronger.confidence == weaker.confidence && stronger.lift >= weaker.lift))
        }
    }

    @Test("maxLength bounds itemsets and rules, as mlxtend's max_len")
    func maxLength() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.7, maxLength: 2))
        #expect(model.frequentItemsets.count == 11)
        #expect(model.frequentItemsets.allSatisfy { $0.items.count <= 2 })
        #expect(Set(names(model)) == ["I5 -> I1", "I5 -> I2", "I4 -> I2"])
        let singles = try fit(Self.allElectronics, .init(minSupport: .count(2), maxLength: 1))
        #expect(singles.frequentItemsets.count == 5)
        #expect(singles.rules.isEmpty)
    }

    @Test("maxConsequentLength 1 keeps single-item consequents, as arules")
    func singleConsequent() throws {
        let model = try fit(
            Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.7, maxConsequentLength: 1))
        #expect(Set(names(model)) == ["I5 -> I1", "I5 -> I2", "I1,I5 -> I2", "I2,I5 -> I1", "I4 -> I2"])
    }

    @Test("the empty antecedent is off by default and adds {} -> X when asked")
    func emptyAntecedent() throws {
        let without = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.7))
        #expect(without.rules.allSatisfy { !$0.antecedent.isEmpty })
        let with = try fit(
            Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.7, includeEmptyAntecedent: true))
        // Only I2 is in at least 70 % of the baskets (7 of 9).
        #expect(with.rules.count == without.rules.count + 1)
        let popular = try #require(with.rules.first { $0.antecedent.isEmpty })
        #expect(popular.consequent == ["I2"])
        #expect(popular.antecedentSupportCount == 9)
        #expect(popular.confidence == 7.0 / 9.0)
        #expect(abs(popular.lift - 1) < 1e-12)
        let all = try fit(
            Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0, includeEmptyAntecedent: true))
        #expect(all.rules.count == 24 + 13)
    }

    /// mlxtend 0.25 computes confidence as `(sAC × N) / (sA × N)`: for 12 of 15 baskets among 29 that
    /// is 0.7999999999999999, so `a -> b` fails a minimum of 0.8 although 12/15 is exactly 4/5.
    @Test("a confidence of exactly 4/5 is dropped or kept exactly as mlxtend does")
    func fourFifthsEdge() throws {
        let baskets = Array(repeating: ["a", "b"], count: 12) + Array(repeating: ["a"], count: 3)
            + Array(repeating: ["c"], count: 14)
        let model = try fit(baskets, .init(minSupport: .fraction(0.1), minConfidence: 0.8))
        #expect(names(model) == ["b -> a"])
        let lower = try fit(baskets, .init(minSupport: .fraction(0.1), minConfidence: 0.79))
        #expect(Set(names(lower)) == ["b -> a", "a -> b"])
        #expect(lower.rules.first { $0.antecedent == ["a"] }?.confidence == 0.7999999999999999)
        // 4 of 5 among 6 baskets comes out as exactly 0.8 in the same arithmetic, and is kept.
        let six = try fit(
            Array(repeating: ["a", "b"], count: 4) + [["a"], ["c"]], .init(minSupport: .fraction(0.1), minConfidence: 0.8))
        #expect(Set(names(six)) == ["b -> a", "a -> b"])
    }

    /// mlxtend uses `ceil(min_support × N)` in `Double`, and `0.07 × 100` is 7.000000000000001.
    @Test("a support fraction becomes a count exactly as mlxtend computes it")
    func supportThresholdEdge() throws {
        let baskets = Array(repeating: ["x"], count: 7) + Array(repeating: ["y"], count: 93)
        let byFraction = try fit(baskets, .init(minSupport: .fraction(0.07)))
        #expect(byFraction.minSupportCount == 8)
        #expect(supports(byFraction) == ["y": 93])
        let byCount = try fit(baskets, .init(minSupport: .count(7)))
        #expect(supports(byCount) == ["x": 7, "y": 93])
        let tenth = try fit(Array(repeating: ["x"], count: 3) + Array(repeating: ["y"], count: 27), .init(minSupport: .fraction(0.1)))
        #expect(tenth.minSupportCount == 3)
        #expect(supports(tenth) == ["x": 3, "y": 27])
    }

    @Test("baskets are sets, empty baskets count, and order never matters")
    func determinism() throws {
        let parameters = AssociationRuleParameters(minSupport: .count(2), minConfidence: 0.3)
        let reference = try fit(Self.allElectronics, parameters)
        #expect(try fit(Self.allElectronics, parameters) == reference)
        for rotation in 1..<Self.allElectronics.count {
            let reordered = Array(Self.allElectronics[rotation...] + Self.allElectronics[..<rotation])
                .reversed().map { Array($0.reversed()) }
            #expect(try fit(reordered, parameters) == reference)
        }
        let repeated = Self.allElectronics.map { $0 + $0 }
        #expect(try fit(repeated, parameters) == reference)
        let padded = try fit(Self.allElectronics + [[]], parameters)
        #expect(padded.transactionCount == 10)
        #expect(supports(padded) == supports(reference))
        #expect(padded.rules.count == reference.rules.count)
        let nothingBought = try fit([[], []], parameters)
        #expect(nothingBought.transactionCount == 2)
        #expect(nothingBought.frequentItemsets.isEmpty)
        #expect(nothingBought.rules.isEmpty)
    }

    @Test("the fitted model survives a JSON round trip, infinite conviction included")
    func codable() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0, includeEmptyAntecedent: true))
        #expect(model.rules.contains { $0.conviction == .infinity })
        let data = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(FittedAssociationRules<String>.self, from: data)
        #expect(decoded == model)
    }

    @Test("recommendations: consequents not in the basket, by confidence then lift")
    func recommend() throws {
        let model = try fit(Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.5))
        let forI5 = model.recommend(basket: ["I5"], limit: 10)
        // I5 -> I1,I2 (confidence 1, lift 9/4) is the strongest rule naming either item.
        #expect(forI5.map(\.item) == ["I1", "I2"])
        #expect(forI5.first?.rule.consequent == ["I1", "I2"])
        #expect(forI5.first?.confidence == 1)
        #expect(forI5.first?.lift == 2.25)
        // I2 by I1,I5 -> I2 (confidence 1), then I3 by I1 -> I3 (confidence 4/6); rules whose
        // consequent holds I1 or I5 do not apply.
        let forI1I5 = model.recommend(basket: ["I1", "I5"], limit: 10)
        #expect(forI1I5.map(\.item) == ["I2", "I3"])
        #expect(forI1I5.first?.rule.antecedent == ["I1", "I5"])
        #expect(forI1I5.last?.rule.antecedent == ["I1"])
        #expect(model.recommend(basket: ["I5"], limit: 1).map(\.item) == ["I1"])
        #expect(model.recommend(basket: ["I5"], limit: 0).isEmpty)
        #expect(model.recommend(basket: [], limit: 5).isEmpty)
        #expect(model.recommend(basket: ["unknown"], limit: 5).isEmpty)
        let popular = try fit(
            Self.allElectronics, .init(minSupport: .count(2), minConfidence: 0.7, includeEmptyAntecedent: true))
        #expect(popular.recommend(basket: [], limit: 5).map(\.item) == ["I2"])
    }

    @Test("bad input is a typed error, never a crash")
    func errors() {
        let baskets = Self.allElectronics
        func error(_ parameters: AssociationRuleParameters, _ transactions: [[String]]? = nil) -> AssociationRulesError? {
            do {
                _ = try AssociationRules(parameters: parameters).fit(transactions: transactions ?? baskets)
                return nil
            } catch {
                return error
            }
        }
        #expect(error(.init(minSupport: .fraction(0.1)), []) == .noTransactions)
        #expect(error(.init(minSupport: .fraction(0))) == .minSupportFractionOutOfRange(0))
        #expect(error(.init(minSupport: .fraction(1.5))) == .minSupportFractionOutOfRange(1.5))
        if case .minSupportFractionOutOfRange(let value)? = error(.init(minSupport: .fraction(.nan))) {
            #expect(value.isNaN)
        } else {
            Issue.record("a NaN support fraction must be refused")
        }
        #expect(error(.init(minSupport: .count(0))) == .minSupportCountNotPositive(0))
        #expect(error(.init(minSupport: .count(2), minConfidence: 1.1)) == .minConfidenceOutOfRange(1.1))
        #expect(error(.init(minSupport: .count(2), minConfidence: -0.1)) == .minConfidenceOutOfRange(-0.1))
        #expect(error(.init(minSupport: .count(2), minLift: -1)) == .minLiftOutOfRange(-1))
        #expect(error(.init(minSupport: .count(2), minLift: .infinity)) == .minLiftOutOfRange(.infinity))
        #expect(error(.init(minSupport: .count(2), maxLength: 0)) == .maxLengthNotPositive(0))
        #expect(error(.init(minSupport: .count(2), maxConsequentLength: 0)) == .maxConsequentLengthNotPositive(0))
        #expect(error(.init(minSupport: .count(100))) == nil)
    }
}
