import Foundation

/// A fitted BG/NBD model: the population's purchase rates follow Gamma(r, α) and its dropout
/// probabilities Beta(a, b) (Fader, Hardie & Lee 2005). Codable so that it can be stored as a
/// model artifact; it holds no per-customer values.
///
/// Times (α, recency, age, horizons) are in the period of the histories it was fitted on.
public struct BetaGeometricNBDModel: Sendable, Hashable, Codable {
    public var r: Double
    public var alpha: Double
    public var a: Double
    public var b: Double

    public init(r: Double, alpha: Double, a: Double, b: Double) {
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// Total log-likelihood of `histories` under this model: higher is better, comparable
    /// between models on the same histories (champion against challenger).
    public func logLikelihood(of histories: [PurchaseHistory]) throws(LifetimeModelError) -> Double {
        try PurchaseHistory.validate(histories)
        return BetaGeometricNBDLikelihood(histories).logLikelihood(self)
    }

    /// Expected number of purchases in the next `periods`, given the customer's history
    /// (eq. 10 of the paper; lifetimes' `conditional_expected_number_of_purchases_up_to_time`).
    ///
    /// The hypergeometric term is taken through Euler's transformation,
    /// ₂F₁(r+x, b+x; a+b+x−1; z)·(1−z)^(r+x) = (1−z)^(a−1)·₂F₁(a+b−1−r, a−1; a+b+x−1; z),
    /// which keeps its parameters bounded as x grows: the untransformed series overflows for
    /// customers with hundreds of purchases, and lifetimes falls back to this same identity then.
    /// Undefined at exactly a = 1, where the closed form divides by zero (as in lifetimes).
    public func expectedPurchases(inNext periods: Double, given history: PurchaseHistory) -> Double {
        let x = Double(history.frequency)
        let z = periods / (alpha + history.age + periods)
        let hypergeometric = GaussHypergeometricSeries.value(a: a + b - 1 - r, b: a - 1, c: a + b + x - 1, z: z)
        let remaining = 1 - pow(1 - z, a - 1) * hypergeometric
        let numerator = (a + b + x - 1) / (a - 1) * remaining
        guard history.frequency > 0 else { return numerator }
        let denominator = 1 + a / (b + x - 1) * pow((alpha + history.age) / (alpha + history.recency), r + x)
        return numerator / denominator
    }

    /// Probability that the customer has not dropped out by the end of observation
    /// (Fader, Hardie & Lee, note 021); 1 without repeat purchases, since in BG/NBD a customer
    /// can only drop out right after a purchase.
    public func probabilityAlive(given history: PurchaseHistory) -> Double {
        guard history.frequency > 0 else { return 1 }
        let x = Double(history.frequency)
        let logOdds = (r + x) * log((alpha + history.age) / (alpha + history.recency)) + log(a / (b + x - 1))
        return 1 / (1 + exp(logOdds))
    }
}
