import AtelierDomain
import Foundation

/// `SegmentationClusters` in the OpenAPI schema: a version's clusters, each with the rule that
/// selects it.
struct SegmentationClustersResponse: Encodable {
    var kind = ModelKind.segmentation.rawValue
    var version: Int
    var status: String
    var featuresAsOf: Date
    var assignmentsKept: Bool
    var features: [Feature]
    var data: [Cluster]

    struct Feature: Encodable {
        var name: String
        var mean: Double
        var standardDeviation: Double
    }

    struct Cluster: Encodable {
        var label: Int
        var name: String
        var description: String
        var described: Bool
        var size: Int
        var share: Double
        /// Feature name to the centroid's value, in the feature's own units.
        var centroid: [String: Double]
        var distinguishingFeatures: [Distinguishing]
        var rule: SegmentRule
    }

    struct Distinguishing: Encodable {
        var feature: String
        var value: Double
        var populationMean: Double
        var deviation: Double
        var word: String
    }

    init(_ listing: SegmentationClusters) {
        version = listing.version.version
        status = listing.version.status.rawValue
        featuresAsOf = listing.featuresAsOf
        assignmentsKept = listing.assignmentsKept
        features = listing.features.map { Feature(name: $0.name, mean: $0.mean, standardDeviation: $0.standardDeviation) }
        let names = listing.features.map(\.name)
        data = listing.clusters.map { cluster in
            let description = cluster.description
            return Cluster(
                label: description.cluster, name: cluster.name, description: description.label,
                described: !description.centroid.isEmpty, size: description.size, share: description.share,
                centroid: Dictionary(uniqueKeysWithValues: zip(names, description.centroid)),
                distinguishingFeatures: description.distinguishingFeatures.map {
                    Distinguishing(
                        feature: $0.name, value: $0.value, populationMean: $0.populationMean, deviation: $0.deviation,
                        word: $0.word)
                },
                rule: .cluster(ClusterCondition(version: listing.version.version, label: description.cluster)))
        }
    }
}
