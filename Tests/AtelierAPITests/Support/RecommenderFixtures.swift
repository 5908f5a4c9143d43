import AtelierDomain
import AtelierWorker
import Foundation

/// Helpers for recommender tests: load a synthetic clientele through the API, train through
/// the API and the worker's own job handler, and grant personalization.
enum RecommenderFixtures {
    static func load(_ data: SyntheticShoppers, server: APITestServer, key: String) async throws {
        for sku in SyntheticShoppers.catalogue {
            try await FixtureRequests.expect(
                [200, 201], server, key: key, "PUT", "/v1/items/\(sku)",
                json: #"{"name": "Item \#(sku)", "categoryPath": ["\#(SyntheticShoppers.category(of: sku))"]}"#, what: "item")
        }
        for batch in data.signalBatches() {
            try await FixtureRequests.expect([200], server, key: key, "POST", "/v1/batch", json: batch, what: "signals")
        }
        for order in data.orders {
            try await FixtureRequests.expect([201], server, key: key, "POST", "/v1/orders", json: data.body(order), what: "order")
        }
    }

    /// Asks for a training with `POST /v1/models/recommender/train` and runs the queued job with
    /// the worker's handler; answers the job's result.
    @discardableResult
    static func train(server: APITestServer, key: String, body: String? = nil) async throws -> String? {
        try await ModelFixtures.train(
            .recommender,
            handler: TrainRecommenderJob(pipeline: RecommenderPipeline(pool: server.pool, readers: server.personalData)),
            server: server, key: key, body: body)
    }

    /// The profile id of `shopper`.
    static func profileID(_ data: SyntheticShoppers, shopper: Int, server: APITestServer, key: String) async throws -> String {
        guard let id = try await TrackingFixtures.profileID(server, key: key, "user_id:\(data.userID(shopper))") else {
            throw RawHTTPClient.Failure(description: "no profile for shopper \(shopper)")
        }
        return id
    }

    /// Grants `shopper` personalization and answers their profile id.
    static func personalize(_ data: SyntheticShoppers, shopper: Int, server: APITestServer, key: String) async throws -> String {
        let id = try await profileID(data, shopper: shopper, server: server, key: key)
        try await ConsentFixtures.record(server, key: key, profileID: id, #"{"personalization": true}"#)
        return id
    }

    /// The SKUs of a recommendations answer, in order.
    static func skus(_ json: [String: Any]) -> [String] {
        (json["data"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
    }
}
