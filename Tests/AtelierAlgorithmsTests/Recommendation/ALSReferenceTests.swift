import AtelierAlgorithms
import Testing

/// Atelier's ALS against implicit 0.7's CPU `AlternatingLeastSquares(dtype=float64)`, both started
/// from the same initial factors (SplitMix64, see the reference script) with the same parameters,
/// on the train side of a holdout of Weka's supermarket baskets (8 factors, 3 sweeps, CG and
/// Cholesky) and on a small weighted data set (5 factors, 15 CG sweeps). Every item factor and a
/// sample of user factors are compared. Reference: Fixtures/recommender_supermarket.json.
///
/// Atelier solves in Double as implicit does here and stores Float: factors agree to Float's
/// precision (the Double path itself to 1e-9), recommendations and similar items within 1e-5.
@Suite("ALS vs implicit: supermarket holdout and weighted interactions")
struct ALSReferenceTests {
    let comparison = RankedListComparison(tolerance: 1e-5)

    @Test("the holdout and its train matrix are the ones implicit was given")
    func holdoutMatchesReference() throws {
        let fixture = try RecommenderFixture.shared.get().holdout
        let holdout = try SupermarketHoldout.shared.get()
        #expect(holdout.split.train.count == fixture.trainPairs)
        #expect(holdout.split.test.count == fixture.testPairs)
        #expect(holdout.train.users.count == fixture.trainUsers)
    }

    @Test("after 3 sweeps the Double factors equal implicit's to 1e-9, and the fitted model holds them as Float")
    func doubleFactorsMatch() throws {
        let fixture = try RecommenderFixture.shared.get().holdout
        let holdout = try SupermarketHoldout.shared.get()
        for (reference, model) in zip(fixture.als, holdout.als) {
            let estimator = AlternatingLeastSquares(parameters: reference.parameters)
            var (users, items) = reference.initialFactors(users: holdout.train.users.count, items: holdout.train.items.count)
            try estimator.fit(holdout.train, userFactors: &users, itemFactors: &items)
            let itemDifference = relativeFactorDifference(
                factorRows(items, width: reference.factors, rows: Array(0..<holdout.train.items.count)), reference.itemFactors)
            let userDifference = relativeFactorDifference(
                factorRows(users, width: reference.factors, rows: reference.userFactorRows), reference.userFactors)
            print("ALS \(reference.label): Double factors vs implicit, items \(itemDifference), users \(userDifference)")
            #expect(itemDifference < 1e-9, "\(reference.label)")
            #expect(userDifference < 1e-9, "\(reference.label)")
            #expect(model.userFactors == users.map(Float.init), "\(reference.label)")
            #expect(model.itemFactors == items.map(Float.init), "\(reference.label)")
        }
    }

    @Test("the fitted factors equal implicit's to Float precision")
    func fittedFactorsMatch() throws {
        let fixture = try RecommenderFixture.shared.get().holdout
        let holdout = try SupermarketHoldout.shared.get()
        for (reference, model) in zip(fixture.als, holdout.als) {
            let users = factorRows(model.userFactors, width: reference.factors, rows: reference.userFactorRows)
            #expect(relativeFactorDifference(users, reference.userFactors) < 1e-6, "\(reference.label)")
            let items = factorRows(model.itemFactors, width: reference.factors, rows: Array(0..<model.items.count))
            #expect(relativeFactorDifference(items, reference.itemFactors) < 1e-6, "\(reference.label)")
        }
    }

    @Test("recommendations, similar items and folded-in users equal implicit's")
    func servingMatches() throws {
        let fixture = try RecommenderFixture.shared.get().holdout
        let holdout = try SupermarketHoldout.shared.get()
        for (reference, model) in zip(fixture.als, holdout.als) {
            expectServing(model, holdout.train, reference)
        }
    }

    @Test("on weighted views, carts and purchases every factor equals implicit's after 15 sweeps, and so do the answers")
    func weightedInteractions() throws {
        let fixture = try RecommenderFixture.shared.get().weighted
        let reference = fixture.als
        let data = try InteractionDataset(fixture.interactions(), catalogue: fixture.items)
        let model = try AlternatingLeastSquares(parameters: reference.parameters).fit(data)
        let users = factorRows(model.userFactors, width: reference.factors, rows: reference.userFactorRows)
        let items = factorRows(model.itemFactors, width: reference.factors, rows: Array(0..<data.items.count))
        #expect(relativeFactorDifference(users, reference.userFactors) < 1e-6)
        #expect(relativeFactorDifference(items, reference.itemFactors) < 1e-6)
        expectServing(model, data, reference)
    }

    private func expectServing<User>(
        _ model: FittedALS<User, String>, _ data: InteractionDataset<User, String>, _ reference: RecommenderFixture.ALSCase
    ) {
        let recommendations = reference.recommendations
        for (row, expected) in zip(recommendations.users, recommendations.lists) {
            let actual = model.recommend(user: data.users[row], in: data, limit: 10)
            comparison.expectMatch(
                actual: actual.positions(in: data.items), expected: expected.pairs, cutOff: true,
                label: "\(reference.label) recommendations for \(data.users[row])")
        }
        for similar in reference.similarItems {
            let actual = model.similarItems(to: data.items[similar.item], limit: 6, includingItself: true)
            comparison.expectMatch(
                actual: actual.positions(in: data.items), expected: similar.list.pairs, cutOff: true,
                label: "\(reference.label) items similar to \(data.items[similar.item])")
        }
        let foldedIn = reference.foldIn.users.map { row in model.foldIn(history: data.history(of: data.users[row])).map(Double.init) }
        #expect(relativeFactorDifference(foldedIn, reference.foldIn.factors) < 1e-5, "\(reference.label) fold-in")
    }
}
