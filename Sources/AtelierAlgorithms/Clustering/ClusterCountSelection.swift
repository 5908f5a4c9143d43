/// Chooses the number of clusters: fits k-means for every k in `candidates` (each with the
/// same seed, as one would call scikit-learn's `KMeans(k, random_state=seed)` per k) and picks
/// k by `criterion`.
public struct ClusterCountSelection: Sendable, Hashable, Codable {
    public var candidates: ClosedRange<Int>
    public var criterion: ClusterCountCriterion
    public var restarts: Int
    public var maximumIterations: Int
    public var tolerance: Double
    /// Seeds every fit and the silhouette's sample.
    public var seed: UInt32

    public init(
        candidates: ClosedRange<Int> = 2...8, criterion: ClusterCountCriterion = .silhouette(sampleSize: 10_000),
        restarts: Int = 10, maximumIterations: Int = 300, tolerance: Double = 1e-4, seed: UInt32 = 0
    ) {
        self.candidates = candidates
        self.criterion = criterion
        self.restarts = restarts
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
        self.seed = seed
    }

    public func fit(_ rows: [[Double]]) throws(ClusteringError) -> ClusterCountChoice {
        let data = try FeatureMatrix(rows)
        try validate(rowCount: data.rowCount)
        var models: [KMeansModel] = []
        var scores: [ClusterCountScore] = []
        for clusterCount in candidates {
            let model = try KMeans(
                clusterCount: clusterCount, restarts: restarts, maximumIterations: maximumIterations,
                tolerance: tolerance, seed: seed
            ).fit(data)
            models.append(model)
            scores.append(ClusterCountScore(clusterCount: clusterCount, inertia: model.inertia, iterations: model.iterations))
        }
        let chosen: Int
        switch criterion {
        case .silhouette(let sampleSize):
            for index in scores.indices {
                scores[index].silhouette = try silhouette(data, labels: models[index].labels, sampleSize: sampleSize)
            }
            guard let best = Self.firstMaximum(scores.map { $0.silhouette }) else { throw .noScorableClusterCount }
            chosen = best
        case .elbow:
            let distances = ElbowRule.distances(clusterCounts: scores.map(\.clusterCount), inertias: scores.map(\.inertia))
            for index in scores.indices { scores[index].elbowDistance = distances[index] }
            chosen = Self.firstMaximum(distances) ?? 0
        }
        return ClusterCountChoice(
            clusterCount: scores[chosen].clusterCount, criterion: criterion, scores: scores, model: models[chosen])
    }

    private func validate(rowCount: Int) throws(ClusteringError) {
        guard candidates.upperBound <= rowCount else {
            throw .fewerRowsThanClusters(rows: rowCount, clusters: candidates.upperBound)
        }
        switch criterion {
        case .silhouette(let sampleSize):
            guard candidates.lowerBound >= 2 else { throw .invalidParameter("silhouette needs candidates from 2 clusters") }
            if let sampleSize, sampleSize < 2 { throw .invalidParameter("silhouette sampleSize must be at least 2") }
        case .elbow:
            guard candidates.lowerBound >= 1 else { throw .invalidParameter("candidates must start at 1 cluster or more") }
            guard candidates.count >= 3 else { throw .invalidParameter("the elbow rule needs at least three candidates") }
        }
    }

    /// The silhouette, or nil where it is undefined (a fit that found one distinct cluster).
    private func silhouette(_ data: FeatureMatrix, labels: [Int], sampleSize: Int?) throws(ClusteringError) -> Double? {
        do {
            if let sampleSize {
                return try SilhouetteScore.sampled(data, labels: labels, sampleSize: sampleSize, seed: seed)
            }
            return try SilhouetteScore.exact(data, labels: labels)
        } catch .silhouetteUndefined {
            return nil
        }
    }

    /// Index of the first largest value, skipping nils.
    private static func firstMaximum(_ values: [Double?]) -> Int? {
        var best: Int?
        for (index, value) in values.enumerated() {
            guard let value else { continue }
            if let current = best, let currentValue = values[current], currentValue >= value { continue }
            best = index
        }
        return best
    }
}
