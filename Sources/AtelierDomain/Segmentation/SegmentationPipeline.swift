import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Trains the automatic segmentation of a tenant (`train:segmentation`): k-means (k-means++
/// starts, restarts, seeded) on the standardised features of `SegmentationFeatures` of every
/// customer permitting analytics, k chosen within the configured range by silhouette or elbow.
///
/// The version stores its scaler, centroids and readable clusters, and assigns every customer
/// to a cluster; in the same transaction, the older versions that saved segments pin are
/// re-assigned on the same fresh features, and the assignments of versions nothing pins are
/// dropped. There is no holdout to compare clusterings on, so the newest version serves: it is
/// the one listed by default and the one new cluster segments pin; saved segments keep theirs.
public struct SegmentationPipeline: Sendable {
    private let reader: FeatureReader
    private let registry: ModelRegistry
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - pool: the owner's pool, to store the version and the assignments.
    ///   - readers: the purpose pools; features are read for `analytics`.
    public init(pool: PostgresPool, readers: PersonalDataPools, now: @escaping @Sendable () -> Date = { Date() }) {
        reader = FeatureReader(pools: readers)
        registry = ModelRegistry(pool: pool)
        self.now = now
    }

    /// Trains, stores and serves one version; answers its number.
    public func train(tenantID: UUID, parameters: SegmentationParameters, jobID: UUID?) async throws -> Int {
        try parameters.validate()
        let version = try await registry.begin(
            tenantID: tenantID, kind: .segmentation, algorithm: "k-means++ lloyd", jobID: jobID)
        do {
            try await trainVersion(version, tenantID: tenantID, parameters: parameters)
        } catch {
            try? await registry.fail(tenantID: tenantID, kind: .segmentation, version: version, reason: "\(error)")
            throw error
        }
        return version
    }

    private func trainVersion(_ version: Int, tenantID: UUID, parameters: SegmentationParameters) async throws {
        let started = ContinuousClock.now
        let asOf = now()
        let snapshot = try await reader.snapshot(tenantID: tenantID, asOf: asOf)
        let shares = try await reader.categoryShares(tenantID: tenantID, asOf: asOf)
        let customers = Set(zip(snapshot.profileIDs, snapshot.rows).filter { $1[ProfileFeatureSet.hasOrderedIndex] > 0 }.map(\.0))
        let features = SegmentationFeatures(
            categories: SegmentationFeatures.topCategories(shares, customers: customers, count: parameters.categories))
        let table = features.rows(snapshot, shares: shares)
        guard table.rows.count >= max(parameters.maxClusters, 2) else {
            throw DomainError.conflict(
                reason: "\(table.rows.count) customers permit analytics: too few for up to \(parameters.maxClusters) clusters")
        }

        let rows = table.rows
        let (scaler, fitted, choice, labels) = try await ComputeThread.run {
            let scaler = try StandardScaler().fit(rows)
            let standardised = try scaler.transform(rows)
            let fitted = Self.evenSample(standardised, size: parameters.fitSampleSize)
            let choice = try parameters.selection.fit(fitted)
            return (scaler, fitted, choice, try choice.model.predict(standardised))
        }
        let assigned = KMeansModel(
            centroids: choice.model.centroids, inertia: choice.model.inertia, iterations: choice.model.iterations,
            labels: labels)
        let descriptions = try ClusterDescriber(features: features.features).describe(assigned, scaler: scaler)
        let names = ClusterNamer.names(descriptions, features: features.features)
        let model = SegmentationModel(
            featureSet: ProfileFeatureSet.version, categories: features.categories, scaler: scaler,
            centroids: choice.model.centroids,
            clusters: zip(names, descriptions).map { SegmentationCluster(name: $0, description: $1) }, featuresAsOf: asOf)

        let chosen = choice.scores.first { $0.clusterCount == choice.clusterCount }
        let metrics = Metrics(
            clusterCount: choice.clusterCount, criterion: parameters.criterion.rawValue, inertia: choice.model.inertia,
            silhouette: chosen?.silhouette, candidates: choice.scores, clusterSizes: assigned.clusterSizes)
        let window = DataWindow(
            featuresAsOf: asOf, featureSet: ProfileFeatureSet.version, features: features.features.map(\.name),
            categories: features.categories)
        let counts = RowCounts(
            persons: snapshot.profileIDs.count, customers: table.rows.count, fitted: fitted.count,
            silhouetteSample: parameters.criterion == .silhouette ? min(parameters.silhouetteSampleSize, fitted.count) : nil)
        let outcome = TrainingOutcome(
            parameters: try RegistryJSON.encode(parameters), dataWindow: try RegistryJSON.encode(window),
            rowCounts: try RegistryJSON.encode(counts), metrics: try RegistryJSON.encode(metrics),
            trainingSeconds: RegistryJSON.seconds(ContinuousClock.now - started), peakMemoryBytes: PeakMemory.bytes(),
            promote: true,
            decision: "serving: the newest segmentation serves (no holdout compares clusterings); saved cluster segments keep the version they name")
        let stored = try RegistryJSON.encode(model)
        try await registry.finish(tenantID: tenantID, kind: .segmentation, version: version, outcome: outcome) {
            connection in
            try await connection.execute(
                "INSERT INTO segmentation_models (tenant_id, version, model) VALUES ($1, $2, $3::jsonb)",
                [tenantID, version, stored])
            let assignments = ClusterAssignmentStore(connection: connection, tenantID: tenantID)
            try await assignments.replace(
                version: version, profileIDs: table.profileIDs, labels: labels, featuresAsOf: asOf)
            let pinned = try await assignments.pinnedVersions().filter { $0 != version }
            try await reassign(pinned, snapshot: snapshot, shares: shares, asOf: asOf, assignments: assignments)
            try await assignments.keepOnly(pinned + [version])
        }
    }

    /// Assigns the customers of `snapshot` to the centroids of each of `versions` (those stored
    /// on the current feature set), replacing those versions' assignments.
    private func reassign(
        _ versions: [Int], snapshot: FeatureSnapshot, shares: [UUID: [String: Double]], asOf: Date,
        assignments: ClusterAssignmentStore
    ) async throws {
        guard !versions.isEmpty else { return }
        let stored = try await assignments.connection.query(
            "SELECT version, model::text AS model FROM segmentation_models WHERE tenant_id = $1 AND version = ANY($2::int[])",
            [assignments.tenantID, versions])
        for row in stored {
            let model = try RegistryJSON.decode(SegmentationModel.self, from: try row.decode(String.self, column: "model"))
            guard model.featureSet == ProfileFeatureSet.version else { continue }
            let table = model.features.rows(snapshot, shares: shares)
            try await assignments.replace(
                version: try row.decode(Int.self, column: "version"), profileIDs: table.profileIDs,
                labels: try model.assign(table.rows), featuresAsOf: asOf)
        }
    }

    /// `size` rows evenly spaced through `rows` (all of them when fewer). Rows are ordered by
    /// random profile id, so this is a uniform sample, and the same one for the same customers.
    static func evenSample(_ rows: [[Double]], size: Int) -> [[Double]] {
        guard rows.count > size else { return rows }
        return (0..<size).map { rows[$0 * rows.count / size] }
    }

    private struct Metrics: Encodable {
        var clusterCount: Int
        var criterion: String
        /// Of the chosen k, over the fitted rows.
        var inertia: Double
        var silhouette: Double?
        var candidates: [ClusterCountScore]
        /// Over every customer assigned.
        var clusterSizes: [Int]
    }

    private struct DataWindow: Encodable {
        var featuresAsOf: Date
        var featureSet: Int
        var features: [String]
        var categories: [String]
    }

    private struct RowCounts: Encodable {
        var persons: Int
        var customers: Int
        var fitted: Int
        var silhouetteSample: Int?
    }
}
