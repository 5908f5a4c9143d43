import Foundation

/// Greedy k-means++ seeding, scikit-learn's `_kmeans_plusplus` with unit sample weights: the
/// same draws from the same generator pick the same rows.
struct KMeansPlusPlus: Sendable {
    let data: FeatureMatrix
    let squaredNorms: [Double]

    init(data: FeatureMatrix) {
        self.data = data
        squaredNorms = SquaredDistance.rowNorms(data)
    }

    /// `count` starting centroids, flat (count × columns).
    func centroids(count: Int, using generator: inout MersenneTwister) -> [Double] {
        let rows = data.rowCount
        let columns = data.columnCount
        let localTrials = 2 + Int(log(Double(count)))
        var chosen = [firstRow(using: &generator)]
        var closest = squaredDistances(toRow: chosen[0], floor: nil)
        var potential = closest.reduce(0, +)
        var cumulative = [Double](repeating: 0, count: rows)
        for _ in 1..<count {
            let targets = (0..<localTrials).map { _ in generator.nextDouble() * potential }
            var running = 0.0
            for row in 0..<rows {
                running += closest[row]
                cumulative[row] = running
            }
            var bestRow = 0
            var bestPotential = Double.infinity
            var bestDistances: [Double] = []
            for target in targets {
                let candidate = min(Self.firstIndex(in: cumulative, notBelow: target), rows - 1)
                let distances = squaredDistances(toRow: candidate, floor: closest)
                let candidatePotential = distances.reduce(0, +)
                if candidatePotential < bestPotential {
                    (bestRow, bestPotential, bestDistances) = (candidate, candidatePotential, distances)
                }
            }
            chosen.append(bestRow)
            closest = bestDistances
            potential = bestPotential
        }
        return chosen.flatMap { data.values[$0 * columns..<($0 + 1) * columns] }
    }

    /// NumPy's `choice(n, p=1/n each)`: the first row whose normalised running share of
    /// probability exceeds a uniform draw, with NumPy's rounding of the running sum.
    private func firstRow(using generator: inout MersenneTwister) -> Int {
        let rows = data.rowCount
        let share = 1.0 / Double(rows)
        var total = 0.0
        for _ in 0..<rows { total += share }
        let draw = generator.nextDouble()
        var running = 0.0
        for row in 0..<rows {
            running += share
            if running / total > draw { return row }
        }
        return rows - 1
    }

    /// Squared distances of every row to row `centre`, as scikit-learn's expanded
    /// `(−2 x·c + ‖c‖²) + ‖x‖²` clipped at 0; with `floor`, the smaller of that and `floor`.
    private func squaredDistances(toRow centre: Int, floor: [Double]?) -> [Double] {
        let columns = data.columnCount
        let centreNorm = squaredNorms[centre]
        var result = floor ?? [Double](repeating: .infinity, count: data.rowCount)
        data.values.withUnsafeBufferPointer { values in
            squaredNorms.withUnsafeBufferPointer { norms in
                result.withUnsafeMutableBufferPointer { result in
                    guard let base = values.baseAddress else { return }
                    let centrePointer = base + centre * columns
                    for row in 0..<data.rowCount {
                        let dot = SquaredDistance.dot(centrePointer, base + row * columns, count: columns)
                        result[row] = min(result[row], max(0, (-2 * dot + centreNorm) + norms[row]))
                    }
                }
            }
        }
        return result
    }

    /// NumPy's `searchsorted(side="left")`: the first index whose value is ≥ `target`
    /// (`values.count` when none is).
    private static func firstIndex(in values: [Double], notBelow target: Double) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
