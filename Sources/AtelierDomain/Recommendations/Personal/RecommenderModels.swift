import AtelierPostgres
import Foundation

/// The serving recommender versions held in memory, one per tenant: loaded from
/// `recommender_models` (with the catalogue's brands, for `sameBrand`) the first time a request finds a version in service that is not the
/// one held (after a training, a promotion or a rollback), so every API process follows the
/// registry without being told. Concurrent requests for the same version share one load.
public actor RecommenderModels {
    private let pool: PostgresPool
    private var held: [UUID: ServingRecommender] = [:]
    private var loading: [Key: Task<ServingRecommender?, any Error>] = [:]

    private struct Key: Hashable {
        var tenantID: UUID
        var version: Int
    }

    /// - Parameter pool: the owner's pool; artifacts hold no personal data.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Version `version` of the tenant's recommender, loading it unless it is the one held; nil
    /// when no artifact is stored for it.
    func model(tenantID: UUID, version: Int) async throws -> ServingRecommender? {
        if let model = held[tenantID], model.version == version { return model }
        let key = Key(tenantID: tenantID, version: version)
        let task =
            loading[key]
            ?? Task.detached { [pool] in
                let stored = try await pool.query(
                    "SELECT model::text AS model FROM recommender_models WHERE tenant_id = $1 AND version = $2",
                    [tenantID, version]
                ).first?.decode(String.self, column: "model")
                guard let stored else { return nil }
                var brands: [String: String] = [:]
                for row in try await pool.query(
                    "SELECT sku, brand FROM items WHERE tenant_id = $1 AND brand IS NOT NULL", [tenantID])
                {
                    brands[try row.decode(String.self, column: "sku")] = try row.decode(String.self, column: "brand")
                }
                // Decoding megabytes of JSON and indexing the catalogue: off the actor (other
                // tenants' requests go on) and off the cooperative pool (other requests too).
                let loaded = brands
                return try await ComputeThread.run {
                    try ServingRecommender(
                        version: version, artifact: try RegistryJSON.decode(RecommenderArtifact.self, from: stored),
                        brands: loaded)
                }
            }
        loading[key] = task
        defer { loading[key] = nil }
        let model = try await task.value
        if let model { held[tenantID] = model }
        return model
    }
}
