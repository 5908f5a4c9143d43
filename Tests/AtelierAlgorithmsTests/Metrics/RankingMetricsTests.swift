import AtelierAlgorithms
import Foundation
import Testing

/// Hand-checked ranking metrics; RecommenderHoldoutTests checks them against implicit's
/// `ranking_metrics_at_k` on real data.
@Suite("Ranking metrics: hand-checked cases")
struct RankingMetricsTests {
    @Test("one user: hits in the first k, NDCG and AP over min(k, relevant)")
    func oneUser() throws {
        var accumulator = try RankingMetricsAccumulator<String>(k: 3, catalogueSize: 10)
        accumulator.add(recommended: ["a", "b", "c", "d"], relevant: ["b", "d", "x"])
        let metrics = try #require(accumulator.metrics)
        #expect(metrics.userCount == 1)
        #expect(metrics.precision == 1.0 / 3)
        #expect(metrics.meanPrecision == 1.0 / 3)
        #expect(metrics.recall == 1.0 / 3)
        #expect(abs(metrics.ndcg - (1 / log2(3.0)) / (1 + 1 / log2(3.0) + 1 / log2(4.0))) < 1e-15)
        #expect(abs(metrics.map - (1.0 / 2) / 3) < 1e-15)
        #expect(metrics.coverage == 0.3)
    }

    @Test("precision pools hits over min(k, relevant) like implicit; meanPrecision divides by k")
    func precisionDefinitions() throws {
        let metrics = try RankingMetrics.evaluate(
            k: 3, catalogueSize: 5, relevant: [1: ["a", "b"], 2: ["z"], 3: []], recommend: { _ in ["a", "b", "c"] })
        #expect(metrics.userCount == 2)
        #expect(metrics.precision == 2.0 / 3)
        // User 1 has both relevant items in the list, user 2 none.
        #expect(metrics.meanPrecision == 1.0 / 3)
        #expect(metrics.recall == 0.5)
        #expect(metrics.ndcg == 0.5)
        #expect(metrics.map == 0.5)
        #expect(metrics.coverage == 3.0 / 5)
    }

    @Test("a relevant item repeated in a list counts once; a short list just scores fewer hits")
    func repeatsAndShortLists() throws {
        var accumulator = try RankingMetricsAccumulator<Int>(k: 4, catalogueSize: 4)
        accumulator.add(recommended: [7, 7, 8], relevant: [7, 9])
        let metrics = try #require(accumulator.metrics)
        #expect(metrics.precision == 1.0 / 2)
        #expect(metrics.recall == 1.0 / 2)
        #expect(metrics.map == 1.0 / 2)
    }

    @Test("no user with relevant items, k below 1 or an empty catalogue are refused")
    func validation() throws {
        #expect(throws: MetricError.emptyData) {
            try RankingMetrics.evaluate(k: 3, catalogueSize: 5, relevant: [1: Set<String>()], recommend: { _ in [] })
        }
        #expect(throws: MetricError.invalidParameter(name: "k", reason: "must be at least 1")) {
            try RankingMetricsAccumulator<Int>(k: 0, catalogueSize: 5)
        }
        #expect(throws: MetricError.invalidParameter(name: "catalogueSize", reason: "must be at least 1")) {
            try RankingMetricsAccumulator<Int>(k: 1, catalogueSize: 0)
        }
    }
}
