import AtelierAlgorithms

/// The propensity task of scripts/reference/logistic_reference.py, built from CDNOW_master:
/// one row per customer (ascending customer id) of weekly RFM features on 1997-09-30
/// (frequency, recency, T, monetary value), labelled true when the customer bought again in
/// the next 13 weeks (1997-10-01 … 1997-12-30).
struct PropensityTask: Sendable {
    static let labelDays = 13 * 7
    /// Built once per test run from CDNOW_master.
    static let cdnow = Result { try PropensityTask(CDNOWTransactions.master.get()) }

    let features: [[Double]]
    let labels: [Bool]

    init(_ data: CDNOWTransactions) throws {
        let summary = try data.weeklySummary().sorted { $0.customerID < $1.customerID }
        let end = CDNOWTransactions.calibrationEndDay
        let buyers = Set(data.transactions
            .filter { $0.day > end && $0.day <= end + Self.labelDays }
            .map(\.customerID))
        features = summary.map {
            [Double($0.history.frequency), $0.history.recency, $0.history.age, $0.monetaryValue]
        }
        labels = summary.map { buyers.contains($0.customerID) }
    }
}
