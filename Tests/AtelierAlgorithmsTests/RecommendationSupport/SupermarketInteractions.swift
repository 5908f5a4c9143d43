import AtelierAlgorithms

/// The supermarket baskets as implicit feedback, as scripts/reference/recommender_reference.py
/// builds them: basket row number = user, department = item, weight 1; every department of the
/// fixture in the catalogue.
struct SupermarketInteractions {
    let interactions: [Interaction<Int, String>]
    let catalogue: [String]

    /// Read once per test run (several suites use it); a missing file stays an error every test
    /// using it reports.
    static let shared = Result { try SupermarketInteractions() }

    private init() throws {
        let baskets = try SupermarketBaskets().baskets
        interactions = baskets.enumerated().flatMap { user, basket in
            Set(basket).sorted().map { Interaction(user: user, item: $0, weight: 1) }
        }
        catalogue = try RecommenderFixture.shared.get().items
    }

    func dataset() throws -> InteractionDataset<Int, String> {
        try InteractionDataset(interactions, catalogue: catalogue)
    }

    /// The reference script's holdout: in (user, item) order, a pair goes to the test set when
    /// the next number of `SplitMix64(seed)` is below `testFraction`.
    func randomHoldout(seed: UInt64, testFraction: Double) -> HoldoutSplit<Int, String> {
        var generator = SplitMix64(seed: seed)
        var train: [Interaction<Int, String>] = []
        var test: [Interaction<Int, String>] = []
        for interaction in interactions {
            if generator.nextUnitInterval() < testFraction { test.append(interaction) } else { train.append(interaction) }
        }
        return HoldoutSplit(cutoff: 0, end: 0, train: train, test: test)
    }
}
