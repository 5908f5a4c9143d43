import Foundation

/// The clusters of one segmentation version, as `GET /v1/models/segmentation/versions/{v}/clusters`
/// shows them.
public struct SegmentationClusters: Sendable, Equatable {
    public var version: ModelVersion
    public var featuresAsOf: Date
    /// Feature names in column order, with the population's mean and standard deviation.
    public var features: [(name: String, mean: Double, standardDeviation: Double)]
    /// In label order.
    public var clusters: [SegmentationCluster]

    public static func == (lhs: SegmentationClusters, rhs: SegmentationClusters) -> Bool {
        lhs.version == rhs.version && lhs.featuresAsOf == rhs.featuresAsOf && lhs.clusters == rhs.clusters
            && lhs.features.map(\.name) == rhs.features.map(\.name)
            && lhs.features.map(\.mean) == rhs.features.map(\.mean)
            && lhs.features.map(\.standardDeviation) == rhs.features.map(\.standardDeviation)
    }
}
