import AtelierAlgorithms

/// What the registry shows for a recommender version (its `metrics` JSON): the serving
/// algorithm's ranking metrics and the popularity baseline's on the same time-based holdout
/// and the same persons, both candidate algorithms' figures, and the comparison with the
/// version serving when it was trained (on `ndcg`, at `k`).
struct RecommenderMetrics: Codable, Sendable {
    /// Ranking quality at k over the evaluated persons (`RankingMetrics`, implicit's definitions).
    struct Ranking: Codable, Sendable, Equatable {
        var precision: Double
        var recall: Double
        var ndcg: Double
        var map: Double
        var coverage: Double
        var users: Int

        init(_ metrics: RankingMetrics) {
            precision = metrics.precision
            recall = metrics.recall
            ndcg = metrics.ndcg
            map = metrics.map
            coverage = metrics.coverage
            users = metrics.userCount
        }
    }

    var k: Int
    /// The metric champion and challenger are compared on.
    var metric = "ndcg"
    /// The algorithm this version serves with, and its figures.
    var algorithm: String
    var model: Ranking
    var popularity: Ranking
    var itemKNN: Ranking?
    var als: Ranking?
    /// NDCG@k of the serving version's parameters refitted on the same split, when one served.
    var servingNdcg: Double?
    var servingVersion: Int?
}
