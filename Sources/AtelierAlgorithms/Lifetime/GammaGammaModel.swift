/// A fitted Gamma-Gamma spend model: a customer's transaction values are Gamma(p, ν) with
/// ν ~ Gamma(q, v) across customers (Fader, Hardie & Lee, note 025). Codable so that it can
/// be stored as a model artifact; it holds no per-customer values.
public struct GammaGammaModel: Sendable, Hashable, Codable {
    public var p: Double
    public var q: Double
    public var v: Double

    public init(p: Double, q: Double, v: Double) {
        self.p = p
        self.q = q
        self.v = v
    }

    /// Total log-likelihood of `histories` under this model: higher is better, comparable
    /// between models on the same customers.
    public func logLikelihood(of histories: [SpendHistory]) throws(LifetimeModelError) -> Double {
        try SpendHistory.validate(histories)
        return GammaGammaLikelihood(histories).logLikelihood(self)
    }

    /// The population's mean spend per transaction, p·v / (q − 1); needs q > 1, which `GammaGamma.fit` ensures.
    public var populationMeanSpend: Double { v * p / (q - 1) }

    /// Expected spend per future transaction of a customer with `frequency` repeat occasions of
    /// mean `monetaryValue` (lifetimes' `conditional_expected_average_profit`): a weighted
    /// average of the population mean and the customer's own mean, the latter weighing more the
    /// more purchases back it. A customer without repeat purchases gets the population mean.
    public func expectedAverageSpend(frequency: Int, monetaryValue: Double) -> Double {
        let shape = p * Double(frequency)
        let individualWeight = shape / (shape + q - 1)
        return (1 - individualWeight) * populationMeanSpend + individualWeight * monetaryValue
    }
}
