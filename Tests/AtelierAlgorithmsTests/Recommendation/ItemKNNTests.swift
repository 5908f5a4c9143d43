import AtelierAlgorithms
import Foundation
import Testing

/// Hand-checked item-kNN cases. The cosine case's numbers are also implicit 0.7.3's
/// (`CosineRecommender(K=3)` on the same matrix).
@Suite("Item-kNN: hand-checked cases")
struct ItemKNNTests {
    /// Users 0–3 × items 0–4: (0,0)=1 (0,1)=2 (1,0)=1 (1,1)=1 (1,2)=3 (2,2)=1 (3,3)=1; item 4 untouched.
    static func small() throws -> InteractionDataset<Int, Int> {
        try InteractionDataset(
            [(0, 0, 1.0), (0, 1, 2), (1, 0, 1), (1, 1, 1), (1, 2, 3), (2, 2, 1), (3, 3, 1)].map {
                Interaction(user: $0.0, item: $0.1, weight: $0.2)
            }, catalogue: [4])
    }

    private func scores<Item>(_ list: [ScoredItem<Item>]) -> [Item: Double] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.item, $0.score) })
    }

    private func expectScores(_ list: [ScoredItem<Int>], _ expected: [(Int, Double)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(list.map(\.item) == expected.map(\.0), sourceLocation: sourceLocation)
        for (actual, wanted) in zip(list, expected) {
            #expect(abs(actual.score - wanted.1) < 1e-12, "\(actual.item)", sourceLocation: sourceLocation)
        }
    }

    @Test("cosine similarities are the cosines of item columns, the item itself first")
    func cosineSimilarities() throws {
        let model = try ItemKNN(parameters: .init(neighbours: 3)).fit(Self.small())
        // ‖item 0‖ = √2, ‖item 1‖ = √5, ‖item 2‖ = √10.
        expectScores(model.similarItems(to: 0, limit: 5, includingItself: true), [(0, 1), (1, 3 / 10.0.squareRoot()), (2, 3 / 20.0.squareRoot())])
        expectScores(model.similarItems(to: 1, limit: 5), [(0, 3 / 10.0.squareRoot()), (2, 3 / 50.0.squareRoot())])
        expectScores(model.similarItems(to: 3, limit: 5), [])
        #expect(model.similarItems(to: 4, limit: 5).isEmpty)
        #expect(model.similarItems(to: 99, limit: 5).isEmpty)
    }

    @Test("only the K most similar items are kept per item")
    func keepsKNeighbours() throws {
        let model = try ItemKNN(parameters: .init(neighbours: 2)).fit(Self.small())
        expectScores(model.similarItems(to: 0, limit: 5, includingItself: true), [(0, 1), (1, 3 / 10.0.squareRoot())])
    }

    @Test("a user's score for an item is the history-weighted sum of similarities; liked items are left out")
    func recommendsFromHistory() throws {
        let data = try Self.small()
        let model = try ItemKNN(parameters: .init(neighbours: 3)).fit(data)
        expectScores(
            model.recommend(user: 0, in: data, limit: 10), [(2, 1 * 3 / 20.0.squareRoot() + 2 * 3 / 50.0.squareRoot())])
        expectScores(
            model.recommend(user: 0, in: data, limit: 10, filterAlreadyLiked: false),
            [(1, 3 / 10.0.squareRoot() + 2), (0, 1 + 2 * 3 / 10.0.squareRoot()), (2, 3 / 20.0.squareRoot() + 2 * 3 / 50.0.squareRoot())])
        expectScores(model.recommend(user: 2, in: data, limit: 1), [(0, 3 / 20.0.squareRoot())])
        #expect(model.recommend(user: 3, in: data, limit: 10).isEmpty)
        #expect(model.recommend(history: [0: 1, 99: 5], limit: 10, excluding: [1]).map(\.item) == [2])
        #expect(model.recommend(history: [0: 1], limit: .max).count == 2)
    }

    @Test("equal similarities keep the lower item, whatever the order of the data")
    func tiesGoToTheLowerItem() throws {
        // Items 1, 2 and 3 are each bought with item 0 by one user: all three equally similar to it.
        let interactions = [(0, 0), (0, 3), (1, 0), (1, 2), (2, 0), (2, 1)].map { Interaction(user: $0.0, item: $0.1) }
        for order in [interactions, interactions.reversed()] {
            let model = try ItemKNN(parameters: .init(neighbours: 3)).fit(InteractionDataset(order))
            #expect(model.similarItems(to: 0, limit: 5, includingItself: true).map(\.item) == [0, 1, 2])
        }
    }

    @Test("BM25 saturates weights and damps long items, with idf = ln N − ln(1 + items of the user)")
    func bm25ByHand() throws {
        // N = 4 items (D untouched); lengths A 2, B 1, C 2, D 0, mean 5/4; idf(u0) = idf(u2) = ln 4 − ln 2,
        // idf(u1) = ln 4 − ln 3.
        let data = try InteractionDataset(
            [
                Interaction(user: 0, item: "A"), Interaction(user: 1, item: "A"), Interaction(user: 1, item: "B"),
                Interaction(user: 2, item: "C", weight: 2),
            ], catalogue: ["D"])
        let model = try ItemKNN(parameters: .init(neighbours: 5, weighting: .bm25(k1: 1.2, b: 0.75))).fit(data)
        let normA = 0.25 + 0.75 * 2 / 1.25
        let normB = 0.25 + 0.75 * 1 / 1.25
        let a0 = 2.2 / (1.2 * normA + 1) * log(2.0)
        let a1 = 2.2 / (1.2 * normA + 1) * log(4.0 / 3)
        let b1 = 2.2 / (1.2 * normB + 1) * log(4.0 / 3)
        let c2 = 2 * 2.2 / (1.2 * normA + 2) * log(2.0)
        let neighboursOfA = scores(model.similarItems(to: "A", limit: 5, includingItself: true))
        #expect(neighboursOfA.count == 2)
        #expect(abs((neighboursOfA["A"] ?? 0) - (a0 * a0 + a1 * a1)) < 1e-12)
        #expect(abs((neighboursOfA["B"] ?? 0) - a1 * b1) < 1e-12)
        let neighboursOfC = scores(model.similarItems(to: "C", limit: 5, includingItself: true))
        #expect(neighboursOfC.count == 1)
        #expect(abs((neighboursOfC["C"] ?? 0) - c2 * c2) < 1e-12)
    }

    @Test("TF-IDF weighs √w by the user's idf, counting the whole catalogue in N, then normalises items")
    func tfidfByHand() throws {
        // N = 5 with the untouched catalogue item E: idf(u0) = ln 5 − ln 2, idf(u1) = ln 5 − ln 4.
        let data = try InteractionDataset(
            [
                Interaction(user: 0, item: "A"), Interaction(user: 1, item: "A", weight: 4), Interaction(user: 1, item: "B"),
                Interaction(user: 1, item: "C"),
            ], catalogue: ["D", "E"])
        let model = try ItemKNN(parameters: .init(neighbours: 5, weighting: .tfidf)).fit(data)
        let idf0 = log(2.5)
        let idf1 = log(1.25)
        let similarityAB = 2 * idf1 / (idf0 * idf0 + 4 * idf1 * idf1).squareRoot()
        let neighboursOfB = scores(model.similarItems(to: "B", limit: 5, includingItself: true))
        #expect(neighboursOfB.count == 3)
        #expect(abs((neighboursOfB["A"] ?? 0) - similarityAB) < 1e-12)
        #expect(abs((neighboursOfB["B"] ?? 0) - 1) < 1e-12)
        #expect(abs((neighboursOfB["C"] ?? 0) - 1) < 1e-12)
    }

    @Test("a fitted model survives encoding and answers the same")
    func coding() throws {
        let data = try Self.small()
        let model = try ItemKNN(parameters: .init(neighbours: 3, weighting: .bm25())).fit(data)
        let decoded = try JSONDecoder().decode(FittedItemKNN<Int>.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(decoded.recommend(user: 1, in: data, limit: 3) == model.recommend(user: 1, in: data, limit: 3))
    }

    @Test("bad parameters and empty data are refused, naming the field")
    func validation() throws {
        let data = try Self.small()
        #expect(throws: RecommendationError.invalidParameter(name: "neighbours", reason: "must be at least 1")) {
            try ItemKNN(parameters: .init(neighbours: 0)).fit(data)
        }
        #expect(throws: RecommendationError.invalidParameter(name: "weighting.b", reason: "must lie in [0, 1]")) {
            try ItemKNN(parameters: .init(weighting: .bm25(b: 2))).fit(data)
        }
        #expect(throws: RecommendationError.noInteractions) {
            try ItemKNN().fit(InteractionDataset([Interaction<Int, Int>]()))
        }
    }
}
