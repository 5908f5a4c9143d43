import AtelierAlgorithms
import Foundation

/// A fitted lifetime-value model as stored with its version (`score_models`): population
/// parameters of BG/NBD (in weeks) and Gamma-Gamma (in minor units). No person in it.
struct LifetimeScoreModel: Codable, Sendable {
    static let daysPerPeriod = 7
    /// lifetimes' month in weeks.
    static let periodsPerMonth = 4.345

    var purchases: BetaGeometricNBDModel
    var spend: GammaGammaModel
    var months: Int
    var monthlyDiscountRate: Double

    /// The discounted value over the horizon (minor units), and what it is made of.
    func score(_ summary: CustomerRFM<UUID>) -> (value: Double, detail: LifetimeScoreDetail) {
        let value = CustomerLifetimeValue(
            purchases: purchases, spend: spend, months: months, monthlyDiscountRate: monthlyDiscountRate,
            periodsPerMonth: Self.periodsPerMonth
        ).value(given: summary.history, monetaryValue: summary.monetaryValue)
        let detail = LifetimeScoreDetail(
            expectedPurchases: purchases.expectedPurchases(
                inNext: Double(months) * Self.periodsPerMonth, given: summary.history),
            expectedAverageSpendMinor: spend.expectedAverageSpend(
                frequency: summary.history.frequency, monetaryValue: summary.monetaryValue),
            probabilityAlive: purchases.probabilityAlive(given: summary.history), months: months)
        return (value, detail)
    }

    /// Per-person summaries (frequency, recency, age in weeks) of purchase days up to `endDay`.
    static func summaries(_ days: [(person: UUID, day: Int, amount: Double)], endDay: Int) throws
        -> [CustomerRFM<UUID>]
    {
        try RepeatPurchaseSummarizer(observationEndDay: endDay, daysPerPeriod: daysPerPeriod).summarize(
            days.map { CustomerTransaction(customerID: $0.person, day: $0.day, amount: $0.amount) })
    }
}

/// What a lifetime value is made of, shown with the score.
public struct LifetimeScoreDetail: Codable, Sendable, Equatable {
    public var expectedPurchases: Double
    public var expectedAverageSpendMinor: Double
    public var probabilityAlive: Double
    public var months: Int
}
