import AtelierAlgorithms
import Foundation

/// The columns segmentation clusters on: recency, frequency and spend, tenure, channel mix,
/// category breadth and return rate from profile feature set v1, then the share of the
/// customer's items in each of the tenant's top categories (the category mix). Only customers
/// (persons with an order) are clustered: RFM says nothing of a person who never bought.
///
/// Each feature carries the words a cluster description uses for a cluster well above or
/// below the population on it; they read as modifiers of a noun ("high-spend store regulars").
struct SegmentationFeatures: Sendable {
    /// Columns of `ProfileFeatureSet.names` used, with their words.
    static let base: [(name: String, high: String, low: String)] = [
        ("days_since_last_order", "lapsed", "recent"),
        ("orders_365d", "frequent", "infrequent"),
        ("log_spend_365d", "high-spend", "low-spend"),
        ("tenure_days", "long-standing", "new"),
        ("store_share", "store", "non-store"),
        ("online_share", "online", "offline"),
        ("categories_bought", "multi-category", "single-category"),
        ("return_rate", "high-return", "low-return"),
    ]

    /// The tenant's categories whose share is a feature, most bought first.
    let categories: [String]

    var features: [ClusterFeature] {
        Self.base.map { ClusterFeature(name: $0.name, highWord: $0.high, lowWord: $0.low) }
            + categories.map { ClusterFeature(name: "share_" + $0, highWord: "\($0)-focused", lowWord: "non-\($0)") }
    }

    /// The `count` categories bought by the most customers (ties by name).
    static func topCategories(_ shares: [UUID: [String: Double]], customers: Set<UUID>, count: Int) -> [String] {
        var buyers: [String: Int] = [:]
        for (person, mix) in shares where customers.contains(person) {
            for (category, share) in mix where share > 0 { buyers[category, default: 0] += 1 }
        }
        return buyers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(count).map(\.key)
    }

    /// The customers of `snapshot` (ids and rows in the snapshot's order) and their feature rows.
    func rows(_ snapshot: FeatureSnapshot, shares: [UUID: [String: Double]]) -> (profileIDs: [UUID], rows: [[Double]]) {
        let columns = Self.base.compactMap { feature in ProfileFeatureSet.names.firstIndex(of: feature.name) }
        var profileIDs: [UUID] = []
        var rows: [[Double]] = []
        for (profileID, values) in zip(snapshot.profileIDs, snapshot.rows)
        where values[ProfileFeatureSet.hasOrderedIndex] > 0 {
            let mix = shares[profileID] ?? [:]
            profileIDs.append(profileID)
            rows.append(columns.map { values[$0] } + categories.map { mix[$0] ?? 0 })
        }
        return (profileIDs, rows)
    }
}
