import Foundation

/// The clusters of one segmentation version, as `GET /v1/models/segmentation/versions/{v}/clusters`
/// shows them.
public struct SegmentationClusters: Sendable, Equatable {
    /// A feature clustered on, with the population's mean and standard deviation (what a
    /// cluster's deviations are measured against).
    public struct Feature: Sendable, Equatable {
        public var name: String
        public var mean: Double
        public var standardDeviation: Double
    }

    public var version: ModelVersion
    public var featuresAsOf: Date
    /// Whether the version's customers are assigned (it is the newest, or a saved segment named
    /// it at the last training): only then can one of its clusters be saved as a segment.
    public var assignmentsKept: Bool
    /// In column order.
    public var features: [Feature]
    /// In label order.
    public var clusters: [SegmentationCluster]
}
