import AtelierAlgorithms
import Foundation

/// A fitted segmentation as stored with its version (`segmentation_models`): the features and
/// categories it was trained on, the scaler, the centroids (standardised) and every cluster as
/// people read it. Aggregates only: no person in it.
struct SegmentationModel: Codable, Sendable {
    var featureSet: Int
    var categories: [String]
    var scaler: StandardScalerModel
    /// One per cluster, in standardised units.
    var centroids: [[Double]]
    /// One per cluster, in label order.
    var clusters: [SegmentationCluster]
    /// The facts the features saw end here (exclusive).
    var featuresAsOf: Date

    var features: SegmentationFeatures { SegmentationFeatures(categories: categories) }

    /// The nearest centroid of each customer row (in original units).
    func assign(_ rows: [[Double]]) throws -> [Int] {
        guard !rows.isEmpty else { return [] }
        let fitted = KMeansModel(centroids: centroids, inertia: 0, iterations: 0, labels: [])
        return try fitted.predict(try scaler.transform(rows))
    }
}

/// One cluster of a stored segmentation: its description (size over every customer assigned,
/// centroid in original units, distinguishing features) and its generated name.
public struct SegmentationCluster: Codable, Sendable, Equatable {
    public var name: String
    public var description: ClusterDescription
}
