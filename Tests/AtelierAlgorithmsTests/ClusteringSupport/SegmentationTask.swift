import AtelierAlgorithms

/// The segmentation features of scripts/reference/kmeans_reference.py, built from
/// CDNOW_master: one row per customer (ascending customer id) of weekly RFM features on
/// 1997-09-30 — weeks since the last purchase, frequency (repeat purchase days), monetary
/// value (mean spend of the repeat days, 0 without) and tenure in weeks — and the same rows
/// standardised. (Also compiled into Benchmarks/KMeansFit.)
struct SegmentationTask: Sendable {
    static let featureNames = ["weeks since last purchase", "frequency", "monetary value", "tenure"]
    /// Built once per test run from CDNOW_master.
    static let cdnow = Result { try SegmentationTask(CDNOWTransactions.master.get()) }

    let features: [[Double]]
    let scaler: StandardScalerModel
    let standardized: [[Double]]

    init(_ data: CDNOWTransactions) throws {
        let summary = try data.weeklySummary().sorted { $0.customerID < $1.customerID }
        features = summary.map {
            [$0.history.age - $0.history.recency, Double($0.history.frequency), $0.monetaryValue, $0.history.age]
        }
        scaler = try StandardScaler().fit(features)
        standardized = try scaler.transform(features)
    }
}
