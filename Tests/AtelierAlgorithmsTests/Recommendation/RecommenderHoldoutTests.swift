import AtelierAlgorithms
import Testing

/// Precision@10, NDCG@10 and MAP@10 of Atelier's models on the supermarket holdout against
/// implicit's `ranking_metrics_at_k(K=10)` for implicit's models fitted on the same train pairs:
/// the same rankings scored with the same definitions must give the same numbers. Reference:
/// Fixtures/recommender_supermarket.json.
@Suite("Ranking metrics vs implicit.evaluation on the supermarket holdout")
struct RecommenderHoldoutTests {
    private func relevant(_ holdout: SupermarketHoldout) -> [Int: Set<String>] {
        holdout.split.relevantItems()
    }

    private func expectMetrics(
        _ metrics: RankingMetrics, _ expected: RecommenderFixture.Metrics, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        print("\(label): precision@10 \(metrics.precision), NDCG@10 \(metrics.ndcg), MAP@10 \(metrics.map), "
            + "recall@10 \(metrics.recall), coverage \(metrics.coverage) "
            + "(implicit \(expected.precision), \(expected.ndcg), \(expected.map))")
        #expect(abs(metrics.precision - expected.precision) < 1e-9, "\(label)", sourceLocation: sourceLocation)
        #expect(abs(metrics.ndcg - expected.ndcg) < 1e-9, "\(label)", sourceLocation: sourceLocation)
        #expect(abs(metrics.map - expected.map) < 1e-9, "\(label)", sourceLocation: sourceLocation)
    }

    @Test("the same users are evaluated as in implicit")
    func evaluatedUsers() throws {
        let holdout = try SupermarketHoldout.shared.get()
        let fixture = try RecommenderFixture.shared.get()
        #expect(relevant(holdout).count == fixture.holdout.evaluatedUsers)
    }

    @Test("ALS: precision, NDCG and MAP at 10 equal implicit's")
    func alsMetrics() throws {
        let fixture = try RecommenderFixture.shared.get().holdout
        let holdout = try SupermarketHoldout.shared.get()
        for (reference, model) in zip(fixture.als, holdout.als) {
            guard let expected = reference.metrics else { continue }
            let metrics = try RankingMetrics.evaluate(k: 10, catalogueSize: holdout.train.items.count, relevant: relevant(holdout)) {
                model.recommend(user: $0, in: holdout.train, limit: 10).map(\.item)
            }
            expectMetrics(metrics, expected, "ALS \(reference.label)")
        }
    }

    @Test("item-kNN: precision, NDCG and MAP at 10 equal implicit's")
    func knnMetrics() throws {
        let fixture = try RecommenderFixture.shared.get()
        let holdout = try SupermarketHoldout.shared.get()
        for (reference, model) in zip(fixture.holdout.knn, holdout.knn) {
            let metrics = try RankingMetrics.evaluate(k: 10, catalogueSize: holdout.train.items.count, relevant: relevant(holdout)) {
                model.recommend(user: $0, in: holdout.train, limit: 10).map(\.item)
            }
            expectMetrics(metrics, reference.metrics, "item-kNN \(reference.name)")
        }
    }

    @Test("item-kNN (cosine) beats the popularity baseline on NDCG@10 on the same holdout")
    func baseline() throws {
        let holdout = try SupermarketHoldout.shared.get()
        let popularity = try Popularity().fit(holdout.split.train)
        let relevant = relevant(holdout)
        let catalogue = holdout.train.items.count
        let baseline = try RankingMetrics.evaluate(k: 10, catalogueSize: catalogue, relevant: relevant) {
            popularity.recommend(limit: 10, excluding: Set(holdout.train.history(of: $0).keys)).map(\.item)
        }
        let knn = try #require(holdout.knn.first)
        let personal = try RankingMetrics.evaluate(k: 10, catalogueSize: catalogue, relevant: relevant) {
            knn.recommend(user: $0, in: holdout.train, limit: 10).map(\.item)
        }
        print("popularity baseline: precision@10 \(baseline.precision), NDCG@10 \(baseline.ndcg), MAP@10 \(baseline.map), "
            + "recall@10 \(baseline.recall), coverage \(baseline.coverage)")
        #expect(personal.ndcg > baseline.ndcg)
    }
}
