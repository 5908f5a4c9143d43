import AtelierDomain
import AtelierWorker
import Foundation

/// Helpers for score tests: load a synthetic clientele through the API, and train through the
/// API and the worker's own job handlers.
enum ScoreFixtures {
    static func load(_ data: SyntheticCustomers, server: APITestServer, key: String) async throws {
        for item in SyntheticCustomers.catalogue {
            try await FixtureRequests.expect(
                [200, 201], server, key: key, "PUT", "/v1/items/\(item.sku)",
                json: #"{"name": "\#(item.sku)", "categoryPath": ["\#(item.category)"]}"#, what: "item")
        }
        for batch in data.viewBatches() {
            try await FixtureRequests.expect([200], server, key: key, "POST", "/v1/batch", json: batch, what: "views")
        }
        for order in data.orders {
            try await FixtureRequests.expect([201], server, key: key, "POST", "/v1/orders", json: data.body(order), what: "order")
        }
    }

    /// Asks for a training of `kind` with `POST /v1/models/{kind}/train` and runs the queued job
    /// with the worker's handler; answers the job's result.
    @discardableResult
    static func train(_ kind: ModelKind, server: APITestServer, key: String, body: String? = nil) async throws -> String? {
        let handler: any JobHandler =
            switch kind {
            case .clv: TrainLifetimeValueJob(pipeline: LifetimeValuePipeline(pool: server.pool, readers: server.personalData))
            case .segmentation:
                TrainSegmentationJob(pipeline: SegmentationPipeline(pool: server.pool, readers: server.personalData))
            default: TrainClassifierJob(kind: kind, pipeline: ClassifierPipeline(pool: server.pool, readers: server.personalData))
            }
        return try await ModelFixtures.train(kind, handler: handler, server: server, key: key, body: body)
    }

    /// The newest version of `kind` as the registry shows it.
    static func latestVersion(_ kind: ModelKind, server: APITestServer, key: String) async throws -> [String: Any] {
        let versions = try await server.send("GET", "/v1/models/\(kind.rawValue)/versions", key: key)
        guard let latest = (versions.json["data"] as? [[String: Any]])?.first else {
            throw RawHTTPClient.Failure(description: "no version of \(kind.rawValue): \(versions.text)")
        }
        return latest
    }

    /// The profile id of synthetic customer `customer`.
    static func profileID(_ data: SyntheticCustomers, customer: Int, server: APITestServer, key: String) async throws
        -> String
    {
        guard let id = try await TrackingFixtures.profileID(server, key: key, "user_id:\(data.userID(customer))") else {
            throw RawHTTPClient.Failure(description: "no profile for customer \(customer)")
        }
        return id
    }
}
