import AtelierDomain
import AtelierWorker
import Foundation

/// Helpers for model tests: load synthetic orders, and train through the API and the
/// worker's own job handler.
enum ModelFixtures {
    static func load(_ data: SyntheticBaskets, server: APITestServer, key: String) async throws {
        for order in data.orders {
            try await FixtureRequests.expect(
                [201], server, key: key, "POST", "/v1/orders", json: SyntheticBaskets.body(order), what: "order")
        }
    }

    /// Asks for a training with `POST /v1/models/association_rules/train` and runs the queued
    /// job with the worker's handler; answers the job's result.
    @discardableResult
    static func train(server: APITestServer, key: String, body: String? = nil) async throws -> String? {
        try await train(
            .associationRules,
            handler: TrainAssociationRulesJob(
                pipeline: AssociationRulesPipeline(pool: server.pool, readers: server.personalData)),
            server: server, key: key, body: body)
    }

    /// Asks for a training of `kind` with `POST /v1/models/{kind}/train` and runs the queued job
    /// with `handler`, the worker's own; answers the job's result.
    static func train(
        _ kind: ModelKind, handler: any JobHandler, server: APITestServer, key: String, body: String? = nil
    ) async throws -> String? {
        let response = try await server.send("POST", "/v1/models/\(kind.rawValue)/train", key: key, json: body)
        guard response.status == 202, let id = (response.json["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw RawHTTPClient.Failure(description: "training not queued: \(response.status) \(response.text)")
        }
        let queue = JobQueue(pool: server.pool)
        guard let job = try await queue.claim(owner: "test", kinds: [handler.kind], lease: .seconds(300)), job.id == id
        else {
            throw RawHTTPClient.Failure(description: "the training job \(id) was not claimable")
        }
        let result = try await handler.run(job)
        try await queue.complete(jobID: job.id, owner: "test", result: result)
        return result
    }
}
