/// Describes the clusters of a k-means model fitted on standardised features, so that
/// marketing can read them and turn them into segments.
///
/// A cluster's deviation on a feature is its centroid's coordinate in the standardised space:
/// how many population standard deviations it lies above or below the population mean that
/// the scaler learned. Its distinguishing features are those with the largest |deviation|, at
/// least `minimumDeviation`, at most `maximumFeatures` (ties go to the earlier feature), so
/// the same model always gets the same description. A feature's word gets "very " from
/// `strongDeviation` on, so that clusters apart on the same features in the same direction
/// still read differently ("very high frequency" beside "high frequency").
public struct ClusterDescriber: Sendable, Hashable, Codable {
    /// One per column of the training rows, in their order.
    public var features: [ClusterFeature]
    public var maximumFeatures: Int
    public var minimumDeviation: Double
    public var strongDeviation: Double

    public init(
        features: [ClusterFeature], maximumFeatures: Int = 3, minimumDeviation: Double = 0.5, strongDeviation: Double = 2
    ) {
        self.features = features
        self.maximumFeatures = maximumFeatures
        self.minimumDeviation = minimumDeviation
        self.strongDeviation = strongDeviation
    }

    /// `model` must have been fitted on rows transformed by `scaler`.
    public func describe(_ model: KMeansModel, scaler: StandardScalerModel) throws(ClusteringError) -> [ClusterDescription] {
        try validate(model, scaler: scaler)
        let total = model.clusterSizes.reduce(0, +)
        var descriptions = model.centroids.enumerated().map { cluster, deviations in
            let centroid = deviations.indices.map { deviations[$0] * scaler.scale[$0] + scaler.mean[$0] }
            let distinguishing = distinguishingFeatures(deviations: deviations, centroid: centroid, scaler: scaler)
            let size = model.clusterSizes[cluster]
            return ClusterDescription(
                cluster: cluster, size: size, share: total > 0 ? Double(size) / Double(total) : 0,
                centroid: centroid, deviations: deviations, distinguishingFeatures: distinguishing,
                label: distinguishing.isEmpty ? "typical" : distinguishing.map(\.word).joined(separator: ", "))
        }
        // Two clusters can stand out on the same features in the same direction; numbering
        // the repeats (in cluster order) keeps labels usable as segment names.
        var seen: [String: Int] = [:]
        for index in descriptions.indices {
            let label = descriptions[index].label
            let occurrence = seen[label, default: 0] + 1
            seen[label] = occurrence
            if occurrence > 1 { descriptions[index].label = "\(label) (\(occurrence))" }
        }
        return descriptions
    }

    private func distinguishingFeatures(
        deviations: [Double], centroid: [Double], scaler: StandardScalerModel
    ) -> [DistinguishingFeature] {
        deviations.indices
            .filter { abs(deviations[$0]) >= minimumDeviation }
            .sorted { abs(deviations[$0]) != abs(deviations[$1]) ? abs(deviations[$0]) > abs(deviations[$1]) : $0 < $1 }
            .prefix(maximumFeatures)
            .map { column in
                let feature = features[column]
                let word = deviations[column] > 0 ? feature.highWord : feature.lowWord
                return DistinguishingFeature(
                    column: column, name: feature.name, deviation: deviations[column], value: centroid[column],
                    populationMean: scaler.mean[column],
                    word: abs(deviations[column]) >= strongDeviation ? "very \(word)" : word)
            }
    }

    private func validate(_ model: KMeansModel, scaler: StandardScalerModel) throws(ClusteringError) {
        guard maximumFeatures >= 1 else { throw .invalidParameter("maximumFeatures must be at least 1") }
        guard minimumDeviation >= 0, minimumDeviation.isFinite else {
            throw .invalidParameter("minimumDeviation must be finite and not negative")
        }
        guard strongDeviation >= minimumDeviation else {
            throw .invalidParameter("strongDeviation must be at least minimumDeviation")
        }
        guard scaler.mean.count == features.count, scaler.scale.count == features.count else {
            throw .featureCountMismatch(expected: features.count, actual: scaler.mean.count)
        }
        guard model.clusterSizes.count == model.centroids.count else {
            throw .invalidParameter("model: \(model.clusterSizes.count) cluster sizes for \(model.centroids.count) centroids")
        }
        for centroid in model.centroids where centroid.count != features.count {
            throw .featureCountMismatch(expected: features.count, actual: centroid.count)
        }
    }
}
