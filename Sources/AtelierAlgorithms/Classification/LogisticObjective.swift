import Foundation

/// scikit-learn's L2-regularised logistic objective, divided by the total sample weight S so
/// that its gradient tolerance does not depend on the number of samples:
///
///     J(w, b) = (1/S) Σ sᵢ ℓᵢ(w, b) + ‖w‖² / (2·C·S)
///
/// where ℓᵢ is the log-loss of sample i and the intercept b is not penalised. Its minimiser
/// is scikit-learn's: `C·Σ sᵢ ℓᵢ + ‖w‖²/2` is the same function times C·S.
///
/// Parameters are laid out as [w₁ … w_d, b]. Samples are summed in input order, so values are
/// deterministic.
struct LogisticObjective: Sendable {
    let rows: [[Double]]
    let labels: [Bool]
    let sampleWeights: (negative: Double, positive: Double)
    let inverseRegularization: Double
    let totalWeight: Double

    var parameterCount: Int { (rows.first?.count ?? 0) + 1 }

    init(rows: [[Double]], labels: [Bool], weighting: ClassWeighting, inverseRegularization: Double) {
        let positives = labels.count { $0 }
        let negatives = labels.count - positives
        let weights = weighting.weights(negatives: negatives, positives: positives)
        self.rows = rows
        self.labels = labels
        self.sampleWeights = weights
        self.inverseRegularization = inverseRegularization
        self.totalWeight = Double(negatives) * weights.negative + Double(positives) * weights.positive
    }

    func value(at parameters: [Double]) -> Double {
        var loss = 0.0
        for (row, label) in zip(rows, labels) {
            let margin = LogisticObjective.margin(row, parameters)
            // log(1 + e^z) − y·z, written so that neither branch overflows.
            let softplus = max(margin, 0) + log1p(exp(-abs(margin)))
            loss += weight(label) * (softplus - (label ? margin : 0))
        }
        return loss / totalWeight + penalty(parameters)
    }

    /// The gradient and the Hessian (row-major) together, as Newton's method needs both.
    func gradientAndHessian(at parameters: [Double]) -> (gradient: [Double], hessian: [Double]) {
        let n = parameterCount
        var gradient = [Double](repeating: 0, count: n)
        var hessian = [Double](repeating: 0, count: n * n)
        for (row, label) in zip(rows, labels) {
            let probability = LogisticObjective.sigmoid(LogisticObjective.margin(row, parameters))
            let weight = weight(label)
            let residual = weight * (probability - (label ? 1 : 0))
            let curvature = weight * probability * (1 - probability)
            for i in 0..<n {
                let xi = i < n - 1 ? row[i] : 1
                gradient[i] += residual * xi
                for j in 0...i {
                    hessian[i * n + j] += curvature * xi * (j < n - 1 ? row[j] : 1)
                }
            }
        }
        let ridge = 1 / (inverseRegularization * totalWeight)
        for i in 0..<n {
            gradient[i] /= totalWeight
            for j in 0...i {
                hessian[i * n + j] /= totalWeight
                hessian[j * n + i] = hessian[i * n + j]
            }
            if i < n - 1 {
                gradient[i] += ridge * parameters[i]
                hessian[i * n + i] += ridge
            }
        }
        return (gradient, hessian)
    }

    private func weight(_ label: Bool) -> Double {
        label ? sampleWeights.positive : sampleWeights.negative
    }

    private func penalty(_ parameters: [Double]) -> Double {
        let squaredNorm = parameters.dropLast().reduce(0) { $0 + $1 * $1 }
        return squaredNorm / (2 * inverseRegularization * totalWeight)
    }

    static func margin(_ row: [Double], _ parameters: [Double]) -> Double {
        var margin = parameters[parameters.count - 1]
        for (value, coefficient) in zip(row, parameters) { margin += value * coefficient }
        return margin
    }

    /// 1 / (1 + e^−z) without overflow for large |z|.
    static func sigmoid(_ margin: Double) -> Double {
        if margin >= 0 { return 1 / (1 + exp(-margin)) }
        let exponential = exp(margin)
        return exponential / (1 + exponential)
    }
}
