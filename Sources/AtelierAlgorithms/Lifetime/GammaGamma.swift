import Foundation

/// Gamma-Gamma estimator: fits (p, q, v) by maximum likelihood to repeat customers' mean spends.
///
/// Matches lifetimes' `GammaGammaFitter`: the same log-likelihood and the same optional L2
/// penalty `penalizerCoefficient · (p² + q² + v²)` on the mean negative log-likelihood,
/// minimised over log-parameters so that all three stay positive.
public struct GammaGamma: Sendable, Hashable, Codable {
    /// L2 penalty on the parameters, as lifetimes' `penalizer_coef`; 0 is plain maximum likelihood.
    public var penalizerCoefficient: Double
    /// Budget of likelihood evaluations before the fit gives up.
    public var maximumEvaluations: Int

    public init(penalizerCoefficient: Double = 0, maximumEvaluations: Int = 20_000) {
        self.penalizerCoefficient = penalizerCoefficient
        self.maximumEvaluations = maximumEvaluations
    }

    /// Fits the model; `histories` must hold repeat customers only (frequency > 0, spend > 0).
    /// Throws `infiniteMeanSpend` when the best fit has q ≤ 1, since such a model cannot give
    /// expected spends.
    public func fit(_ histories: [SpendHistory]) throws(LifetimeModelError) -> GammaGammaModel {
        guard penalizerCoefficient >= 0, penalizerCoefficient.isFinite else {
            throw .invalidHyperparameter("penalizerCoefficient must be finite and non-negative")
        }
        guard maximumEvaluations > 0 else { throw .invalidHyperparameter("maximumEvaluations must be positive") }
        try SpendHistory.validate(histories)

        let likelihood = GammaGammaLikelihood(histories)
        let customers = Double(likelihood.customerCount)
        let penalizer = penalizerCoefficient
        let minimizer = NelderMeadMinimizer(maximumEvaluations: maximumEvaluations)
        let result = minimizer.minimize(from: [0, 0, 0]) { logParameters in
            let parameters = logParameters.map { exp($0) }
            let model = GammaGammaModel(p: parameters[0], q: parameters[1], v: parameters[2])
            let penalty = penalizer * parameters.reduce(0) { $0 + $1 * $1 }
            return -likelihood.logLikelihood(model) / customers + penalty
        }
        guard result.converged else { throw .didNotConverge(evaluations: result.evaluations) }
        let fitted = result.point.map { exp($0) }
        let model = GammaGammaModel(p: fitted[0], q: fitted[1], v: fitted[2])
        guard model.q > 1 else { throw .infiniteMeanSpend(q: model.q) }
        return model
    }
}
