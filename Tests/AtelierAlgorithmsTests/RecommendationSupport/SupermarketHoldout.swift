import AtelierAlgorithms
import Testing

/// The supermarket holdout of the reference script and the models fitted on its train side,
/// computed once per test run (several tests compare them).
struct SupermarketHoldout {
    let split: HoldoutSplit<Int, String>
    let train: InteractionDataset<Int, String>
    /// One fitted model per `RecommenderFixture.holdout.als` case, in the same order.
    let als: [FittedALS<Int, String>]
    /// One fitted model per `RecommenderFixture.holdout.knn` case, in the same order.
    let knn: [FittedItemKNN<String>]

    static let shared = Result { try SupermarketHoldout() }

    private init() throws {
        let fixture = try RecommenderFixture.shared.get()
        let interactions = try SupermarketInteractions.shared.get()
        split = interactions.randomHoldout(seed: fixture.holdout.seed, testFraction: fixture.holdout.testFraction)
        train = try InteractionDataset(split.train, catalogue: interactions.catalogue)
        let train = train
        als = try fixture.holdout.als.map { reference in
            let clock = ContinuousClock()
            let start = clock.now
            let model = try AlternatingLeastSquares(parameters: reference.parameters).fit(train)
            print("ALS \(reference.label) on \(train.matrix.nonzeroCount) pairs: fit in \(clock.now - start)")
            return model
        }
        knn = try fixture.holdout.knn.map { reference in
            let parameters = try #require(fixture.knn.first { $0.name == reference.name }).parameters
            return try ItemKNN(parameters: parameters).fit(train)
        }
    }
}
