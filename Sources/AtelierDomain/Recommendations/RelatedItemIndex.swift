import AtelierAlgorithms

/// For each item, the items bought with it, strongest rule first: what `GET
/// /v1/items/{sku}/related` serves, built from the rules whose antecedent is that one item.
/// Used in training to score a version on the holdout exactly as it will serve.
struct RelatedItemIndex: Sendable {
    private var related: [String: [String]] = [:]

    /// `rules` in any order; each antecedent item keeps its consequent items once each, ranked
    /// by the strongest rule naming them (confidence, then lift, then item).
    init(rules: [(antecedent: [String], consequent: [String], confidence: Double, lift: Double)]) {
        var best: [String: [String: (Double, Double)]] = [:]
        for rule in rules where rule.antecedent.count == 1 {
            for item in rule.consequent {
                let current = best[rule.antecedent[0], default: [:]][item]
                if current.map({ ($0.0, $0.1) < (rule.confidence, rule.lift) }) ?? true {
                    best[rule.antecedent[0], default: [:]][item] = (rule.confidence, rule.lift)
                }
            }
        }
        for (item, candidates) in best {
            related[item] = candidates.sorted {
                ($0.value.0, $0.value.1) != ($1.value.0, $1.value.1)
                    ? ($0.value.0, $0.value.1) > ($1.value.0, $1.value.1) : $0.key < $1.key
            }.map(\.key)
        }
    }

    init(fitted: FittedAssociationRules<String>) {
        self.init(rules: fitted.rules.map { ($0.antecedent, $0.consequent, $0.confidence, $0.lift) })
    }

    func related(to item: String, limit: Int) -> [String] {
        Array((related[item] ?? []).prefix(limit))
    }

    /// Items that have at least one related item: the catalogue the model can speak about.
    var coveredItems: Int { related.count }
}
