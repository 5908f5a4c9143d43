/// L2-regularised binary logistic regression, as scikit-learn's
/// `LogisticRegression(l1_ratio=0, C=…, class_weight=…)`: the penalty applies to the weights,
/// not to the intercept.
///
/// Fitted by Newton's method with an exact Hessian and a backtracking line search. Why Newton
/// rather than L-BFGS: propensity models have tens of features, so the (d+1)² Hessian is cheap
/// next to one pass over the samples, and Newton reaches a gradient tolerance far tighter than
/// the comparison with scikit-learn needs in a handful of passes. The objective is strictly
/// convex in the weights; should the intercept's curvature vanish numerically (saturated
/// probabilities), the system is damped rather than abandoned.
public struct LogisticRegression: Sendable, Hashable, Codable {
    /// Inverse of the regularisation strength (scikit-learn's `C`): smaller is stronger.
    public var inverseRegularization: Double
    public var classWeighting: ClassWeighting
    /// Converged when every component of the gradient of the sample-weight–normalised
    /// objective (see `LogisticObjective`) is at most this.
    public var gradientTolerance: Double
    public var maximumIterations: Int

    public init(
        inverseRegularization: Double = 1, classWeighting: ClassWeighting = .uniform,
        gradientTolerance: Double = 1e-10, maximumIterations: Int = 100
    ) {
        self.inverseRegularization = inverseRegularization
        self.classWeighting = classWeighting
        self.gradientTolerance = gradientTolerance
        self.maximumIterations = maximumIterations
    }

    /// Fits on `features` (one row per sample, same width) and `labels` (true = positive).
    public func fit(_ features: [[Double]], labels: [Bool]) throws(ClassificationError) -> LogisticRegressionModel {
        guard inverseRegularization > 0, inverseRegularization.isFinite else {
            throw .invalidHyperparameter("inverseRegularization (C) must be positive and finite")
        }
        guard gradientTolerance > 0 else { throw .invalidHyperparameter("gradientTolerance must be positive") }
        guard maximumIterations > 0 else { throw .invalidHyperparameter("maximumIterations must be positive") }
        let columns = try FeatureRows.validate(features)
        guard labels.count == features.count else {
            throw .labelCountMismatch(rows: features.count, labels: labels.count)
        }
        guard labels.contains(true), labels.contains(false) else { throw .singleClass }

        let objective = LogisticObjective(
            rows: features, labels: labels, weighting: classWeighting, inverseRegularization: inverseRegularization)
        var parameters = [Double](repeating: 0, count: columns + 1)
        var value = objective.value(at: parameters)
        var gradientNorm = Double.infinity
        var iterations = 0
        for iteration in 0...maximumIterations {
            iterations = iteration
            let (gradient, hessian) = objective.gradientAndHessian(at: parameters)
            gradientNorm = gradient.reduce(0) { max($0, abs($1)) }
            if gradientNorm <= gradientTolerance {
                return LogisticRegressionModel(
                    coefficients: Array(parameters.dropLast()), intercept: parameters[columns], iterations: iteration)
            }
            guard iteration < maximumIterations,
                  let step = newtonStep(hessian: hessian, gradient: gradient, dimension: columns + 1)
            else { break }
            // Close to the optimum the decrease a step promises (half of −g·δ) is below the
            // rounding of the objective's sum, and a line search would only see noise; Newton is
            // then in its quadratic region, and the full step is taken when it shrinks the gradient.
            let promised = -zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            if promised > 64 * Double.ulpOfOne * max(1, abs(value)),
               let next = lineSearch(objective, from: parameters, value: value, gradient: gradient, step: step) {
                (parameters, value) = next
                continue
            }
            let candidate = zip(parameters, step).map { $0 + $1 }
            let candidateGradient = objective.gradientAndHessian(at: candidate).gradient
            guard candidateGradient.reduce(0, { max($0, abs($1)) }) < gradientNorm else { break }
            parameters = candidate
            value = objective.value(at: candidate)
        }
        throw .didNotConverge(iterations: iterations, gradientNorm: gradientNorm)
    }

    /// Solves H·δ = −g, adding λ·I with growing λ until H + λ·I factorises.
    private func newtonStep(hessian: [Double], gradient: [Double], dimension: Int) -> [Double]? {
        let descent = gradient.map { -$0 }
        var damping = 0.0
        let scale = (0..<dimension).reduce(0) { max($0, hessian[$1 * dimension + $1]) }
        for _ in 0..<30 {
            var damped = hessian
            for i in 0..<dimension { damped[i * dimension + i] += damping }
            if let step = CholeskySolver.solve(damped, dimension: dimension, rightHandSide: descent) { return step }
            damping = damping == 0 ? max(scale, 1) * 1e-12 : damping * 10
        }
        return nil
    }

    /// Backtracking (Armijo) line search along a descent direction; nil when no step decreases
    /// the objective enough, which happens once rounding dominates the decrease.
    private func lineSearch(
        _ objective: LogisticObjective, from parameters: [Double], value: Double, gradient: [Double], step: [Double]
    ) -> (parameters: [Double], value: Double)? {
        let slope = zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
        var length = 1.0
        for _ in 0..<60 {
            let candidate = zip(parameters, step).map { $0 + length * $1 }
            let candidateValue = objective.value(at: candidate)
            // Written as a difference: `value + tiny` would round back to `value`.
            if candidateValue - value <= 1e-4 * length * slope { return (candidate, candidateValue) }
            length /= 2
        }
        return nil
    }
}
