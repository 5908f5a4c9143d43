import AtelierDomain
import AtelierWorker
import Foundation

/// Helpers for model tests: load synthetic orders, and train through the API and the
/// worker's own job handler.
enum ModelFixtures {
    static func load(_ data: SyntheticBaskets, server: APITestServer, key: String) async throws {
        for order in data.orders {
            let response = try await server.send("POST", "/v1/orders", key: key, json: SyntheticBaskets.body(order))
            guard response.status == 201 else {
                throw RawHTTPClient.Failure(description: "order not recorded: \(response.status) \(response.text)")
            }
        }
    }

    /// Asks for a training with `POST /v1/models/association_rules/train` and runs the queued
    /// job with the worker's handler; answers the job's result.
    @discardableResult
    static func train(server: APITestServer, key: String, body: String? = nil) async throws -> String? {
        let response = try await server.send("POST", "/v1/models/association_rules/train", key: key, json: body)
        guard response.status == 202, let id = (response.json["id"] as? String).flatMap(UUID.init(uuidString:)) else {
            throw RawHTTPClient.Failure(description: "training not queued: \(response.status) \(response.text)")
        }
        let queue = JobQueue(pool: server.pool)
        let handler = TrainAssociationRulesJob(
            pipeline: AssociationRulesPipeline(pool: server.pool, readers: server.personalData))
        guard let job = try await queue.claim(owner: "test", kinds: [handler.kind], lease: .seconds(60)), job.id == id
        else {
            throw RawHTTPClient.Failure(description: "the training job \(id) was not claimable")
        }
        let result = try await handler.run(job)
        try await queue.complete(jobID: job.id, owner: "test", result: result)
        return result
    }
}
