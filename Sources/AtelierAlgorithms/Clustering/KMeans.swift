/// k-means clustering (Lloyd's algorithm), as scikit-learn's `KMeans(algorithm="lloyd")`.
///
/// Why it follows scikit-learn step for step (centring, the seeding's random draws, the
/// convergence test, relocation of empty clusters, keeping the best restart): the automatic
/// segments must match scikit-learn's on the same features and seed, which a merely
/// equivalent algorithm would not do, since k-means only finds local optima.
public struct KMeans: Sendable, Hashable, Codable {
    /// k, the number of clusters.
    public var clusterCount: Int
    public var initialization: KMeansInitialization
    /// Independent runs from different k-means++ starts (scikit-learn's `n_init`); the run
    /// with the lowest inertia is kept.
    public var restarts: Int
    /// Lloyd iterations per run at most (scikit-learn's `max_iter`).
    public var maximumIterations: Int
    /// scikit-learn's `tol`: a run stops when the squared shift of all centroids in one
    /// iteration is at most `tolerance` × the mean of the features' variances (or when no
    /// assignment changes).
    public var tolerance: Double
    /// scikit-learn's integer `random_state`: the same seed draws the same numbers as
    /// `numpy.random.RandomState(seed)`.
    public var seed: UInt32

    public init(
        clusterCount: Int, initialization: KMeansInitialization = .kMeansPlusPlus, restarts: Int = 10,
        maximumIterations: Int = 300, tolerance: Double = 1e-4, seed: UInt32 = 0
    ) {
        self.clusterCount = clusterCount
        self.initialization = initialization
        self.restarts = restarts
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
        self.seed = seed
    }

    /// Clusters `rows` (one row per customer, same width, finite; standardise them first so
    /// that every feature counts alike).
    public func fit(_ rows: [[Double]]) throws(ClusteringError) -> KMeansModel {
        try fit(FeatureMatrix(rows))
    }

    func fit(_ data: FeatureMatrix) throws(ClusteringError) -> KMeansModel {
        try validateParameters(for: data)
        // Centring (as scikit-learn) keeps the expanded distance ‖c‖² − 2x·c accurate when the
        // data sit far from the origin.
        let mean = Self.columnMeans(data)
        var centred = data
        for row in 0..<data.rowCount {
            for column in 0..<data.columnCount { centred.values[row * data.columnCount + column] -= mean[column] }
        }
        let absoluteTolerance = tolerance * Self.meanColumnVariance(data, mean: mean)
        let explicitStart: [Double]?
        if case .centroids(let rows) = initialization {
            var start = try FeatureMatrix(rows, expectedColumns: data.columnCount).values
            for index in start.indices { start[index] -= mean[index % data.columnCount] }
            explicitStart = start
        } else {
            explicitStart = nil
        }
        // One generator for all restarts, drawn from in turn, as scikit-learn does.
        var generator = MersenneTwister(seed: seed)
        let seeding = KMeansPlusPlus(data: centred)
        var best: LloydRun?
        for _ in 0..<(explicitStart == nil ? restarts : 1) {
            let start: [Double]
            if let explicitStart {
                start = explicitStart
            } else {
                start = seeding.centroids(count: clusterCount, using: &generator)
            }
            let result = LloydRun(
                data: centred, centroids: start, clusterCount: clusterCount,
                maximumIterations: maximumIterations, tolerance: absoluteTolerance)
            // As scikit-learn: a lower inertia wins only with a different partition, since the
            // same partition under permuted labels can differ in inertia by rounding alone.
            let wins = best.map {
                result.inertia < $0.inertia && !Self.samePartition(result.labels, $0.labels, clusterCount)
            } ?? true
            if wins { best = result }
        }
        guard let best else { throw .invalidParameter("restarts must be at least 1") }
        let centroids = (0..<clusterCount).map { cluster in
            (0..<data.columnCount).map { best.centroids[cluster * data.columnCount + $0] + mean[$0] }
        }
        return KMeansModel(centroids: centroids, inertia: best.inertia, iterations: best.iterations, labels: best.labels)
    }

    private func validateParameters(for data: FeatureMatrix) throws(ClusteringError) {
        guard clusterCount >= 1 else { throw .invalidParameter("clusterCount must be at least 1") }
        guard restarts >= 1 else { throw .invalidParameter("restarts must be at least 1") }
        guard maximumIterations >= 1 else { throw .invalidParameter("maximumIterations must be at least 1") }
        guard tolerance >= 0, tolerance.isFinite else { throw .invalidParameter("tolerance must be finite and not negative") }
        guard data.rowCount >= clusterCount else {
            throw .fewerRowsThanClusters(rows: data.rowCount, clusters: clusterCount)
        }
        if case .centroids(let rows) = initialization, rows.count != clusterCount {
            throw .invalidParameter("initial centroids: \(rows.count) given for clusterCount \(clusterCount)")
        }
    }

    static func columnMeans(_ data: FeatureMatrix) -> [Double] {
        var sums = [Double](repeating: 0, count: data.columnCount)
        for row in 0..<data.rowCount {
            for column in 0..<data.columnCount { sums[column] += data.values[row * data.columnCount + column] }
        }
        return sums.map { $0 / Double(data.rowCount) }
    }

    /// Mean over features of the population variance (NumPy's `var`), the scale of the tolerance.
    private static func meanColumnVariance(_ data: FeatureMatrix, mean: [Double]) -> Double {
        var squares = [Double](repeating: 0, count: data.columnCount)
        for row in 0..<data.rowCount {
            for column in 0..<data.columnCount {
                let deviation = data.values[row * data.columnCount + column] - mean[column]
                squares[column] += deviation * deviation
            }
        }
        return squares.reduce(0) { $0 + $1 / Double(data.rowCount) } / Double(data.columnCount)
    }

    /// Whether two labellings are the same partition up to renaming the labels.
    static func samePartition(_ first: [Int], _ second: [Int], _ clusterCount: Int) -> Bool {
        var mapping = [Int](repeating: -1, count: clusterCount)
        for (left, right) in zip(first, second) {
            if mapping[left] == -1 {
                mapping[left] = right
            } else if mapping[left] != right {
                return false
            }
        }
        return true
    }
}
