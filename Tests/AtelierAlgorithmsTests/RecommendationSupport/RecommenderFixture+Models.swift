import AtelierAlgorithms

extension RecommenderFixture.KNNCase {
    var parameters: ItemKNNParameters {
        let weighting: NeighbourWeighting =
            switch weighting.kind {
            case "tfidf": .tfidf
            case "bm25": .bm25(k1: weighting.k1 ?? 1.2, b: weighting.b ?? 0.75)
            default: .cosine
            }
        return ItemKNNParameters(neighbours: neighbours, weighting: weighting)
    }
}

extension RecommenderFixture.ALSCase {
    var parameters: ALSParameters {
        ALSParameters(
            factors: factors, regularization: regularization, alpha: alpha, iterations: iterations,
            solver: solver == "cholesky" ? .cholesky : .conjugateGradient(steps: 3), seed: seed)
    }

    /// The initial factors `AlternatingLeastSquares.fit` draws, which the reference script gave
    /// implicit: `SplitMix64(seed)`, users' rows then items', uniform in [0, 0.01).
    func initialFactors(users: Int, items: Int) -> (users: [Double], items: [Double]) {
        var generator = SplitMix64(seed: seed)
        let userFactors = (0..<(users * factors)).map { _ in generator.nextUnitInterval() * 0.01 }
        let itemFactors = (0..<(items * factors)).map { _ in generator.nextUnitInterval() * 0.01 }
        return (userFactors, itemFactors)
    }
}

extension RecommenderFixture.Weighted {
    /// The events weighed by `InteractionWeights.default` (the fixture's kind weights).
    func interactions() -> [Interaction<String, String>] {
        events.compactMap { event in
            InteractionWeights.default.interaction(user: event[0], item: event[1], kind: InteractionKind(rawValue: event[2]))
        }
    }
}

extension Array where Element == ScoredItem<String> {
    /// The list as (item position, score) pairs of `items`, as the fixture states lists.
    func positions(in items: IdentifierIndex<String>) -> [(item: Int, score: Double)] {
        map { (items.index(of: $0.item) ?? -1, $0.score) }
    }
}
