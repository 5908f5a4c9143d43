import AtelierPostgres
import Foundation

/// Reads the clusters of segmentation versions and turns a cluster into a saved segment.
/// Models are aggregates (no person), so they are read on the owner's pool.
///
/// A cluster of fewer than `minimumDescribedSize` customers is listed with its size only: its
/// centroid would come close to describing the few persons in it.
public struct ClusterCatalogue: Sendable {
    private let pool: PostgresPool
    private let registry: ModelRegistry
    private let segments: SegmentStore

    public static let minimumDescribedSize = 10

    public init(pool: PostgresPool) {
        self.pool = pool
        registry = ModelRegistry(pool: pool)
        segments = SegmentStore(pool: pool)
    }

    public func clusters(tenantID: UUID, version: Int) async throws -> SegmentationClusters {
        let versions = try await registry.versions(tenantID: tenantID, kind: .segmentation)
        guard let found = versions.first(where: { $0.version == version }) else {
            throw DomainError.notFound(resource: "segmentation version", id: String(version))
        }
        guard
            let row = try await pool.query(
                "SELECT model::text AS model, assignments_kept FROM segmentation_models WHERE tenant_id = $1 AND version = $2",
                [tenantID, version]
            ).first
        else {
            throw DomainError.conflict(reason: "segmentation version \(version) is \(found.status.rawValue): it has no clusters")
        }
        let model = try RegistryJSON.decode(SegmentationModel.self, from: try row.decode(String.self, column: "model"))
        let names = model.features.features.map(\.name)
        return SegmentationClusters(
            version: found, featuresAsOf: model.featuresAsOf,
            assignmentsKept: try row.decode(Bool.self, column: "assignments_kept"),
            features: names.indices.map {
                SegmentationClusters.Feature(name: names[$0], mean: model.scaler.mean[$0], standardDeviation: model.scaler.scale[$0])
            },
            clusters: model.clusters.map(Self.disclosed))
    }

    /// Saves a segment whose rule is cluster `label` of `version` (pinned: see
    /// `ClusterCondition`), named after the cluster unless `name` is given, and answers it.
    /// Refused for a version whose assignments were dropped: its segment would stay empty
    /// until the next training.
    public func segment(
        tenantID: UUID, version: Int, label: Int, name: String?, description: String?, purpose: ReadPurpose,
        refreshInterval: Int
    ) async throws -> Segment {
        let listing = try await clusters(tenantID: tenantID, version: version)
        guard let cluster = listing.clusters.first(where: { $0.description.cluster == label }) else {
            throw DomainError.notFound(resource: "cluster", id: "\(label) of segmentation version \(version)")
        }
        guard listing.assignmentsKept else {
            throw DomainError.conflict(
                reason: "segmentation version \(version) no longer assigns customers: no saved segment named it when a newer version was trained. Save a cluster of the newest version, or name this one in a segment rule; the next training assigns it again")
        }
        let definition = try SegmentDefinition(
            name: name ?? "\(cluster.name) (segmentation v\(version))",
            description: description
                ?? "Cluster \(label) of segmentation version \(version): \(cluster.description.label); \(cluster.description.size) customers when trained.",
            purpose: purpose, rule: .cluster(ClusterCondition(version: version, label: label)),
            refreshInterval: refreshInterval)
        return try await segments.create(tenantID: tenantID, definition: definition)
    }

    /// The cluster, or only its label and size when it is too small to describe.
    private static func disclosed(_ cluster: SegmentationCluster) -> SegmentationCluster {
        guard cluster.description.size < minimumDescribedSize else { return cluster }
        var withheld = cluster
        withheld.name = "small cluster \(cluster.description.cluster)"
        withheld.description.centroid = []
        withheld.description.deviations = []
        withheld.description.distinguishingFeatures = []
        withheld.description.label = "fewer than \(minimumDescribedSize) customers: not described"
        return withheld
    }
}
