import AtelierAlgorithms
import Testing

/// Atelier's item-kNN against implicit 0.7 (`CosineRecommender`, `TFIDFRecommender`,
/// `BM25Recommender`) on Weka's supermarket baskets (4,627 baskets as users, 216 departments as
/// items, K = 20) and on a small weighted data set (views, carts, purchases; K = 5): every item's
/// neighbours with their similarities, and top-10 recommendations, within 1e-5 relative (both
/// sum in Float), the same items except among tied scores. Reference: Fixtures/recommender_supermarket.json.
///
/// The supermarket data is not committed; without it this suite fails (never skips) and says how
/// to fetch it.
@Suite("Item-kNN vs implicit: supermarket baskets and weighted interactions")
struct ItemKNNReferenceTests {
    let comparison = RankedListComparison(tolerance: 1e-5)

    @Test("the basket matrix is the one implicit was given")
    func basketMatrix() throws {
        let fixture = try RecommenderFixture.shared.get()
        let data = try SupermarketInteractions.shared.get().dataset()
        #expect(data.items.keys == fixture.items)
        #expect(data.users.count == fixture.users)
        #expect(data.matrix.nonzeroCount == fixture.purchases)
    }

    @Test("every item's neighbours and similarities equal implicit's on the baskets")
    func basketNeighbours() throws {
        let fixture = try RecommenderFixture.shared.get()
        let fitted = try SupermarketKNN.shared.get()
        for (reference, model) in zip(fixture.knn, fitted.models) {
            expectNeighbours(model, reference)
        }
    }

    @Test("top-10 recommendations equal implicit's on the baskets")
    func basketRecommendations() throws {
        let fixture = try RecommenderFixture.shared.get()
        let fitted = try SupermarketKNN.shared.get()
        for (reference, model) in zip(fixture.knn, fitted.models) {
            expectRecommendations(model, fitted.data, reference)
        }
    }

    @Test("neighbours and recommendations equal implicit's on weighted views, carts and purchases")
    func weightedInteractions() throws {
        let fixture = try RecommenderFixture.shared.get().weighted
        let data = try InteractionDataset(fixture.interactions(), catalogue: fixture.items)
        #expect(data.items.keys == fixture.items)
        #expect(data.users.keys == fixture.users)
        for reference in fixture.knn {
            let model = try ItemKNN(parameters: reference.parameters).fit(data)
            expectNeighbours(model, reference)
            expectRecommendations(model, data, reference)
        }
    }

    private func expectNeighbours(_ model: FittedItemKNN<String>, _ reference: RecommenderFixture.KNNCase) {
        #expect(model.similarities.rowCount == reference.similarities.count)
        for (item, expected) in reference.similarities.enumerated() where item < model.similarities.rowCount {
            let range = model.similarities.range(ofRow: item)
            let actual = range.map { (item: Int(model.similarities.columns[$0]), score: Double(model.similarities.values[$0])) }
            comparison.expectMatch(
                actual: actual, expected: expected.pairs, cutOff: expected.items.count == reference.neighbours,
                label: "\(reference.name) neighbours of \(model.items[item])")
        }
    }

    private func expectRecommendations<User>(
        _ model: FittedItemKNN<String>, _ data: InteractionDataset<User, String>, _ reference: RecommenderFixture.KNNCase
    ) {
        for recommendations in reference.recommendations {
            for (row, expected) in zip(recommendations.users, recommendations.lists) {
                let actual = model.recommend(
                    user: data.users[row], in: data, limit: 10, filterAlreadyLiked: recommendations.filterAlreadyLiked)
                comparison.expectMatch(
                    actual: actual.positions(in: data.items), expected: expected.pairs, cutOff: expected.items.count == 10,
                    label: "\(reference.name) recommendations for user \(data.users[row]) "
                        + "(filter \(recommendations.filterAlreadyLiked))")
            }
        }
    }
}
