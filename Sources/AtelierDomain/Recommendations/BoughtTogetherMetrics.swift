import Foundation

/// What the registry shows for a bought-together version (its `metrics` JSON).
struct BoughtTogetherMetrics: Codable, Sendable {
    /// Minimum, median, 90th percentile and maximum of a rule measure.
    struct Distribution: Codable, Sendable {
        var min: Double
        var median: Double
        var p90: Double
        var max: Double

        init?(_ values: [Double]) {
            let sorted = values.filter(\.isFinite).sorted()
            guard let first = sorted.first, let last = sorted.last else { return nil }
            func quantile(_ q: Double) -> Double { sorted[Int((Double(sorted.count - 1) * q).rounded())] }
            min = first
            median = quantile(0.5)
            p90 = quantile(0.9)
            max = last
        }
    }

    struct Holdout: Codable, Sendable {
        /// Held-out baskets of two or more items, and item-in-basket trials scored.
        var baskets: Int
        var trials: Int
        var k: Int
        /// Hit rate at k of this version's rules (trained without the holdout).
        var hitRate: Double?
        /// Hit rate at k of recommending the most popular items: the baseline.
        var popularityHitRate: Double?
        /// Hit rate at k of the version serving when this one was trained, on the same baskets.
        var servingHitRate: Double?
        var servingVersion: Int?
    }

    var rules: Int
    var itemsets: Int
    /// Share of items bought in training that have at least one related item.
    var coverage: Double
    var support: Distribution?
    var confidence: Distribution?
    var lift: Distribution?
    var holdout: Holdout
}
