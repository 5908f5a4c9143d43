import Foundation

/// What a classifier score predicts from the features as of a date, and over which persons.
enum ClassifierTarget: Sendable {
    /// An order within the horizon; every person with a fact before the date.
    case purchase
    /// No order within the horizon; customers only (an order before the date).
    case churn

    init?(_ kind: ModelKind) {
        switch kind {
        case .propensity: self = .purchase
        case .churn: self = .churn
        case .associationRules, .clv, .recommender, .segmentation: return nil
        }
    }

    /// Whether a person (a row of features) is scored and learnt from.
    func includes(_ row: [Double]) -> Bool {
        switch self {
        case .purchase: true
        case .churn: row[ProfileFeatureSet.hasOrderedIndex] > 0
        }
    }

    func label(bought: Bool) -> Bool {
        switch self {
        case .purchase: bought
        case .churn: !bought
        }
    }

    /// The recency-only baseline's score: recent buyers buy again (and do not churn).
    func recencyBaseline(_ row: [Double]) -> Double {
        let days = row[ProfileFeatureSet.recencyIndex]
        return self == .purchase ? -days : days
    }
}
