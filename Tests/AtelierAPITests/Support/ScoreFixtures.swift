import AtelierDomain
import AtelierWorker
import Foundation

/// Helpers for score tests: load a synthetic clientele through the API, and train through the
/// API and the worker's own job handlers.
enum ScoreFixtures {
    static func load(_ data: SyntheticCustomers, server: APITestServer, key: String) async throws {
        for item in SyntheticCustomers.catalogue {
            let response = try await server.send(
                "PUT", "/v1/items/\(item.sku)", key: key,
                json: #"{"name": "\#(item.sku)", "categoryPath": ["\#(item.category)"]}"#)
            guard response.status == 200 || response.status == 201 else {
                throw RawHTTPClient.Failure(description: "item not stored: \(response.status) \(response.text)")
            }
        }
        for batch in data.viewBatches() {
            let response = try await server.send("POST", "/v1/batch", key: key, json: batch)
            guard response.status == 200 else {
                throw RawHTTPClient.Failure(description: "views not recorded: \(response.status) \(response.text)")
            }
        }
        for order in data.orders {
            let response = try await server.send("POST", "/v1/orders", key: key, json: data.body(order))
            guard response.status == 201 else {
                throw RawHTTPClient.Failure(description: "order not recorded: \(response.status) \(response.text)")
            }
        }
    }

    /// Asks for a training of `kind` with `POST /v1/models/{kind}/train` and runs the queued job
    /// with the worker's handler; answers the job's result.
    @discardableResult
    static func train(_ kind: ModelKind, server: APITestServer, key: String, body: String? = nil) async throws -> String? {
        let response = try await server.send("POST", "/v1/models/\(kind.rawValue)/train", key: key, json: body)
        guard response.status == 202, let id = (response.json["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw RawHTTPClient.Failure(description: "training not queued: \(response.status) \(response.text)")
        }
        let handler: any JobHandler =
            switch kind {
            case .clv: TrainLifetimeValueJob(pipeline: LifetimeValuePipeline(pool: server.pool, readers: server.personalData))
            case .segmentation:
                TrainSegmentationJob(pipeline: SegmentationPipeline(pool: server.pool, readers: server.personalData))
            default: TrainClassifierJob(kind: kind, pipeline: ClassifierPipeline(pool: server.pool, readers: server.personalData))
            }
        let queue = JobQueue(pool: server.pool)
        guard let job = try await queue.claim(owner: "test", kinds: [handler.kind], lease: .seconds(300)), job.id == id else {
            throw RawHTTPClient.Failure(description: "the training job \(id) was not claimable")
        }
        let result = try await handler.run(job)
        try await queue.complete(jobID: job.id, owner: "test", result: result)
        return result
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
