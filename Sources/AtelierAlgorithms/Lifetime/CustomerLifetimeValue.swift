import Foundation

/// Discounted customer lifetime value over a horizon of months, combining a purchase model
/// (how many purchases) with a spend model (how much each), as lifetimes'
/// `GammaGammaFitter.customer_lifetime_value`.
///
/// Month i contributes (expected spend) × (expected purchases in month i) / (1 + d)^i, where
/// the purchases in month i are the difference of the cumulative expectations at its ends:
/// discounting per month needs the purchases spread over time, not their total.
public struct CustomerLifetimeValue: Sendable, Hashable, Codable {
    public var purchases: BetaGeometricNBDModel
    public var spend: GammaGammaModel
    /// Horizon in months (lifetimes' `time`).
    public var months: Int
    /// Discount rate per month (lifetimes' `discount_rate`), e.g. 0.01.
    public var monthlyDiscountRate: Double
    /// Length of a month in the purchase model's period: 4.345 for weeks and 30 for days, the
    /// values lifetimes uses for `freq="W"` and `freq="D"`.
    public var periodsPerMonth: Double

    public init(
        purchases: BetaGeometricNBDModel, spend: GammaGammaModel,
        months: Int = 12, monthlyDiscountRate: Double = 0.01, periodsPerMonth: Double
    ) {
        self.purchases = purchases
        self.spend = spend
        self.months = months
        self.monthlyDiscountRate = monthlyDiscountRate
        self.periodsPerMonth = periodsPerMonth
    }

    /// The discounted value of the customer's purchases over the horizon; `monetaryValue` is
    /// the mean spend of the repeat occasions (ignored, in favour of the population mean, when
    /// there are none).
    public func value(given history: PurchaseHistory, monetaryValue: Double) -> Double {
        let spendPerPurchase = spend.expectedAverageSpend(frequency: history.frequency, monetaryValue: monetaryValue)
        var total = 0.0
        var purchasedBefore = 0.0
        for month in stride(from: 1, through: months, by: 1) {
            let purchasedBy = purchases.expectedPurchases(inNext: Double(month) * periodsPerMonth, given: history)
            total += spendPerPurchase * (purchasedBy - purchasedBefore) / pow(1 + monthlyDiscountRate, Double(month))
            purchasedBefore = purchasedBy
        }
        return total
    }
}
