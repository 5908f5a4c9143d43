import Foundation

/// BG/NBD estimator: fits (r, α, a, b) by maximum likelihood to customers' purchase histories.
///
/// Matches lifetimes' `BetaGeoFitter`: the same log-likelihood, the optional L2 penalty
/// `penalizerCoefficient · (r² + (α·s)² + a² + b²)` added to the mean negative log-likelihood,
/// and the same time scaling s = 1 / max(T) during the fit. The scaling makes the starting
/// point and the penalty independent of the period (days or weeks): α is a time, the others
/// are not. The optimiser works on log-parameters, which keeps every parameter positive.
public struct BetaGeometricNBD: Sendable, Hashable, Codable {
    /// L2 penalty on the parameters, as lifetimes' `penalizer_coef`; 0 is plain maximum likelihood.
    public var penalizerCoefficient: Double
    /// Budget of likelihood evaluations before the fit gives up.
    public var maximumEvaluations: Int

    public init(penalizerCoefficient: Double = 0, maximumEvaluations: Int = 20_000) {
        self.penalizerCoefficient = penalizerCoefficient
        self.maximumEvaluations = maximumEvaluations
    }

    public func fit(_ histories: [PurchaseHistory]) throws(LifetimeModelError) -> BetaGeometricNBDModel {
        guard penalizerCoefficient >= 0, penalizerCoefficient.isFinite else {
            throw .invalidHyperparameter("penalizerCoefficient must be finite and non-negative")
        }
        guard maximumEvaluations > 0 else { throw .invalidHyperparameter("maximumEvaluations must be positive") }
        try PurchaseHistory.validate(histories)

        let oldest = histories.map(\.age).max() ?? 0
        let scale = oldest > 0 ? 1 / oldest : 1
        let scaled = histories.map {
            PurchaseHistory(frequency: $0.frequency, recency: $0.recency * scale, age: $0.age * scale)
        }
        let likelihood = BetaGeometricNBDLikelihood(scaled)
        let customers = Double(likelihood.customerCount)
        let penalizer = penalizerCoefficient
        let minimizer = NelderMeadMinimizer(maximumEvaluations: maximumEvaluations)
        let result = minimizer.minimize(from: [0, 0, 0, 0]) { logParameters in
            let parameters = logParameters.map { exp($0) }
            let model = BetaGeometricNBDModel(r: parameters[0], alpha: parameters[1], a: parameters[2], b: parameters[3])
            let penalty = penalizer * parameters.reduce(0) { $0 + $1 * $1 }
            return -likelihood.logLikelihood(model) / customers + penalty
        }
        guard result.converged else { throw .didNotConverge(evaluations: result.evaluations) }
        let fitted = result.point.map { exp($0) }
        return BetaGeometricNBDModel(r: fitted[0], alpha: fitted[1] / scale, a: fitted[2], b: fitted[3])
    }
}
