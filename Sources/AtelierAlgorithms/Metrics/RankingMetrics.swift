import Foundation

/// Offline quality of a recommender's top-k lists against what users did next (a holdout), in
/// the definitions of implicit's `ranking_metrics_at_k` (0.7) where implicit has the metric.
///
/// For each evaluated user u — one with at least one relevant (held-out) item, R(u) — with
/// recommended list L(u) cut to k, hits(u) = |L(u) ∩ R(u)| and m(u) = min(k, |R(u)|):
/// - `precision` = Σ hits(u) / Σ m(u): implicit's precision@k, which divides by min(k, |R|), not
///   by k, and pools users (micro-average): a user with 2 relevant items and both in the list
///   scores 1, not 0.2.
/// - `meanPrecision` = mean of hits(u) / k: the textbook precision@k, for comparison with papers.
/// - `recall` = mean of hits(u) / |R(u)| (implicit has none).
/// - `ndcg` = mean of DCG(u) / IDCG(u), binary relevance, DCG = Σ over hit positions i (0-based)
///   of 1 / log₂(i + 2), IDCG the DCG of m(u) hits at the top (implicit's `ndcg`).
/// - `map` = mean of AP(u) = Σ over hit positions i of (hits within the first i + 1) / (i + 1),
///   divided by m(u) (implicit's `map`).
/// - `coverage` = distinct items recommended to any evaluated user / catalogue size.
///
/// A relevant item repeated in a list counts once.
public struct RankingMetrics: Sendable, Hashable, Codable {
    public let k: Int
    /// Users with at least one relevant item: those the means run over.
    public let userCount: Int
    public let precision: Double
    public let meanPrecision: Double
    public let recall: Double
    public let ndcg: Double
    public let map: Double
    public let coverage: Double
    public let catalogueSize: Int
}

/// Adds users one at a time to `RankingMetrics` (sums in the order users are added).
public struct RankingMetricsAccumulator<Item: Hashable>: Sendable where Item: Sendable {
    public let k: Int
    public let catalogueSize: Int
    private var userCount = 0
    private var hits = 0
    private var attainable = 0
    private var precisionSum = 0.0
    private var recallSum = 0.0
    private var ndcgSum = 0.0
    private var apSum = 0.0
    private var recommended: Set<Item> = []

    public init(k: Int, catalogueSize: Int) throws(MetricError) {
        guard k >= 1 else { throw .invalidParameter(name: "k", reason: "must be at least 1") }
        guard catalogueSize >= 1 else { throw .invalidParameter(name: "catalogueSize", reason: "must be at least 1") }
        self.k = k
        self.catalogueSize = catalogueSize
    }

    /// The DCG gain of a hit at 0-based `position`.
    private static func gain(at position: Int) -> Double {
        1 / log2(Double(position + 2))
    }

    /// Scores one user's list (only its first k items count) against their relevant items;
    /// a user without relevant items is not evaluated (as in implicit).
    public mutating func add(recommended list: [Item], relevant: Set<Item>) {
        guard !relevant.isEmpty else { return }
        let top = list.prefix(k)
        recommended.formUnion(top)
        var found: Set<Item> = []
        var dcg = 0.0
        var averagePrecision = 0.0
        for (position, item) in top.enumerated() where relevant.contains(item) && found.insert(item).inserted {
            dcg += Self.gain(at: position)
            averagePrecision += Double(found.count) / Double(position + 1)
        }
        let attainableHits = min(k, relevant.count)
        userCount += 1
        hits += found.count
        attainable += attainableHits
        precisionSum += Double(found.count) / Double(k)
        recallSum += Double(found.count) / Double(relevant.count)
        ndcgSum += dcg / (0..<attainableHits).reduce(0) { $0 + Self.gain(at: $1) }
        apSum += averagePrecision / Double(attainableHits)
    }

    /// The metrics over the users added so far; nil before any user with relevant items.
    public var metrics: RankingMetrics? {
        guard userCount > 0 else { return nil }
        let users = Double(userCount)
        return RankingMetrics(
            k: k, userCount: userCount, precision: Double(hits) / Double(attainable), meanPrecision: precisionSum / users,
            recall: recallSum / users, ndcg: ndcgSum / users, map: apSum / users,
            coverage: Double(recommended.count) / Double(catalogueSize), catalogueSize: catalogueSize)
    }
}

extension RankingMetrics {
    /// Evaluates `recommend` on every user of `relevant` (user → held-out items), in ascending
    /// user order so the result is reproducible to the last bit. Throws `emptyData` when no user
    /// has a relevant item.
    public static func evaluate<User: Hashable & Comparable, Item: Hashable & Sendable>(
        k: Int, catalogueSize: Int, relevant: [User: Set<Item>], recommend: (User) -> [Item]
    ) throws(MetricError) -> RankingMetrics {
        var accumulator = try RankingMetricsAccumulator<Item>(k: k, catalogueSize: catalogueSize)
        for user in relevant.keys.sorted() {
            if let items = relevant[user] { accumulator.add(recommended: recommend(user), relevant: items) }
        }
        guard let metrics = accumulator.metrics else { throw .emptyData }
        return metrics
    }
}
