/// Derivative-free minimiser (Nelder–Mead simplex, standard coefficients) with restarts.
///
/// Why this optimiser: the lifetime likelihoods are smooth, have three or four parameters
/// and are minimised over log-parameters, where Nelder–Mead is robust and needs neither
/// digamma functions (absent from Foundation) nor finite-difference step tuning. A simplex
/// can collapse before reaching a minimum, so after converging it is rebuilt around the best
/// point and run again until a run no longer improves the value.
///
/// Deterministic: no randomness, and ties are broken by vertex position.
struct NelderMeadMinimizer: Sendable {
    /// Offset of each initial simplex vertex along one axis.
    var initialStep = 0.5
    /// Converged when every vertex's value is within this of the best one …
    var valueTolerance = 1e-13
    /// … and every vertex is within this of the best one in every coordinate.
    var pointTolerance = 1e-9
    var maximumEvaluations = 20_000
    var maximumRestarts = 10

    struct Result: Sendable {
        var point: [Double]
        var value: Double
        var evaluations: Int
        var converged: Bool
    }

    /// Minimises `objective`; a non-finite value counts as +∞, so an objective may return NaN
    /// where its parameters make no sense.
    func minimize(from start: [Double], _ objective: ([Double]) -> Double) -> Result {
        let startValue = objective(start)
        var best = (point: start, value: startValue.isFinite ? startValue : .infinity)
        var evaluations = 1
        for _ in 0...maximumRestarts {
            let run = descend(from: best.point, budget: maximumEvaluations - evaluations, objective)
            evaluations += run.evaluations
            let improvement = best.value - run.value
            if run.value <= best.value { best = (run.point, run.value) }
            guard run.converged else {
                return Result(point: best.point, value: best.value, evaluations: evaluations, converged: false)
            }
            if improvement <= valueTolerance {
                return Result(point: best.point, value: best.value, evaluations: evaluations, converged: true)
            }
        }
        return Result(point: best.point, value: best.value, evaluations: evaluations, converged: false)
    }

    /// One Nelder–Mead run from a fresh simplex around `start`.
    private func descend(
        from start: [Double], budget: Int, _ objective: ([Double]) -> Double
    ) -> (point: [Double], value: Double, evaluations: Int, converged: Bool) {
        var used = 0
        func evaluate(_ point: [Double]) -> Double {
            used += 1
            let value = objective(point)
            return value.isFinite ? value : .infinity
        }
        let dimension = start.count
        var simplex = [start]
        for axis in 0..<dimension {
            var vertex = start
            vertex[axis] += initialStep
            simplex.append(vertex)
        }
        var values = simplex.map(evaluate)
        while used < budget {
            let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if hasConverged(simplex, values) { return (simplex[0], values[0], used, true) }

            let worst = dimension
            var centroid = [Double](repeating: 0, count: dimension)
            for vertex in simplex[..<worst] {
                for axis in 0..<dimension { centroid[axis] += vertex[axis] / Double(dimension) }
            }
            func along(_ coefficient: Double) -> [Double] {
                (0..<dimension).map { centroid[$0] + coefficient * (simplex[worst][$0] - centroid[$0]) }
            }
            let reflected = along(-1)
            let reflectedValue = evaluate(reflected)
            if reflectedValue < values[0] {
                let expanded = along(-2)
                let expandedValue = evaluate(expanded)
                (simplex[worst], values[worst]) =
                    expandedValue < reflectedValue ? (expanded, expandedValue) : (reflected, reflectedValue)
                continue
            }
            if reflectedValue < values[worst - 1] {
                (simplex[worst], values[worst]) = (reflected, reflectedValue)
                continue
            }
            let outside = reflectedValue < values[worst]
            let contracted = along(outside ? -0.5 : 0.5)
            let contractedValue = evaluate(contracted)
            if contractedValue < (outside ? reflectedValue : values[worst]) {
                (simplex[worst], values[worst]) = (contracted, contractedValue)
                continue
            }
            for index in 1...dimension {
                simplex[index] = (0..<dimension).map { simplex[0][$0] + 0.5 * (simplex[index][$0] - simplex[0][$0]) }
                values[index] = evaluate(simplex[index])
            }
        }
        let bestIndex = values.indices.min { (values[$0], $0) < (values[$1], $1) } ?? 0
        return (simplex[bestIndex], values[bestIndex], used, false)
    }

    private func hasConverged(_ simplex: [[Double]], _ values: [Double]) -> Bool {
        guard values[0].isFinite else { return false }
        for (vertex, value) in zip(simplex.dropFirst(), values.dropFirst()) {
            guard value - values[0] <= valueTolerance else { return false }
            for (coordinate, best) in zip(vertex, simplex[0]) where abs(coordinate - best) > pointTolerance {
                return false
            }
        }
        return true
    }
}
