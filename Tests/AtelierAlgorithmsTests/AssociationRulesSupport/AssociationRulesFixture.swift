import Foundation
import Testing

/// The reference counts and top rules mlxtend produced on the supermarket baskets, written by
/// scripts/reference/association_rules_reference.py into Fixtures/association_rules_supermarket.json.
struct AssociationRulesFixture: Decodable {
    struct Case: Decodable {
        let minSupport: Double
        let minConfidence: Double
        let minLift: Double?
        let maxLen: Int?
        let frequentItemsets: Int
        let frequentItemsetsByLength: [String: Int]
        let rules: Int
        let rulesWithEmptyAntecedent: Int
        let rulesWithSingleConsequent: Int
        let mlxtendFitSeconds: Double
        let topRules: [Rule]

        var label: String {
            "min_support \(minSupport), min_confidence \(minConfidence), min_lift \(minLift.map { "\($0)" } ?? "none"), "
                + "max_len \(maxLen.map { "\($0)" } ?? "none")"
        }
    }

    struct Rule: Decodable {
        let antecedents: [String]
        let consequents: [String]
        let support: Double
        let confidence: Double
        let lift: Double
        let leverage: Double
        /// nil stands for infinity (confidence 1), which JSON cannot carry.
        let conviction: Double?
    }

    let transactions: Int
    let items: Int
    let mlxtendVersion: String
    let cases: [Case]

    static func load() throws -> AssociationRulesFixture {
        let url = try #require(
            Bundle.module.url(forResource: "association_rules_supermarket", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(AssociationRulesFixture.self, from: Data(contentsOf: url))
    }
}
