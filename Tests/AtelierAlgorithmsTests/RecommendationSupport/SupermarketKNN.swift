import AtelierAlgorithms

/// The item-kNN models of the reference cases fitted on all the supermarket baskets, once per
/// test run (the neighbour and the recommendation tests compare the same models).
struct SupermarketKNN {
    let data: InteractionDataset<Int, String>
    /// One fitted model per `RecommenderFixture.knn` case, in the same order.
    let models: [FittedItemKNN<String>]

    static let shared = Result { try SupermarketKNN() }

    private init() throws {
        let fixture = try RecommenderFixture.shared.get()
        let data = try SupermarketInteractions.shared.get().dataset()
        self.data = data
        models = try fixture.knn.map { reference in
            let clock = ContinuousClock()
            let start = clock.now
            let model = try ItemKNN(parameters: reference.parameters).fit(data)
            print("item-kNN \(reference.name), K \(reference.neighbours): fit in \(clock.now - start) "
                + "(implicit \(reference.implicitFitSeconds ?? .nan) s)")
            return model
        }
    }
}
