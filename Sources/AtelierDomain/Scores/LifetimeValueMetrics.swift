import AtelierAlgorithms

/// What the registry shows for a lifetime-value version (its `metrics` JSON): the model fitted
/// before the holdout predicts the holdout's purchases and spend, person by person.
struct LifetimeValueMetrics: Codable, Sendable {
    /// Persons with a purchase before the holdout (the ones predicted).
    var customers: Int
    var repeatCustomers: Int
    var holdoutDays: Int
    var predictedPurchases: Double
    var actualPurchases: Int
    /// Mean absolute error of purchases per person over the holdout.
    var purchasesMAE: Double
    /// Mean absolute error of the serving version's parameters refitted on the same calibration.
    var servingPurchasesMAE: Double?
    var servingVersion: Int?
    /// Spend over the holdout in minor units: predicted (purchases × expected spend) and actual.
    var predictedSpendMinor: Double
    var actualSpendMinor: Double
    /// The stored version's population parameters.
    var purchases: BetaGeometricNBDModel
    var spend: GammaGammaModel
}
