import AtelierDomain
import Foundation
import Testing

/// The bought-together model end to end: orders in, a trained and registered version, and
/// related items and cart suggestions served from its rules.
@Suite("Bought together")
struct BoughtTogetherTests {
    static let data = SyntheticBaskets(seed: 7)

    @Test func aTrainedVersionServesRelatedItemsWithTheirRules() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)

            let related = try await server.send("GET", "/v1/items/BAG/related?limit=3", key: key)
            let first = try #require((related.json["data"] as? [[String: Any]])?.first)
            #expect(related.status == 200)
            #expect(related.json["strategy"] as? String == "association_rules")
            #expect((related.json["model"] as? [String: Any])?["version"] as? Int == 1)
            #expect(first["sku"] as? String == "WALLET")
            let confidence = try #require(first["confidence"] as? Double)
            #expect(abs(confidence - Self.data.confidence(of: "BAG", then: "WALLET")) < 1e-9)
        }
    }

    @Test func theRegistryShowsTheVersionWithItsWindowCountsAndHoldoutMetrics() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)

            let versions = try await server.send("GET", "/v1/models/association_rules/versions", key: key)
            let version = try #require((versions.json["data"] as? [[String: Any]])?.first)
            let metrics = try #require(version["metrics"] as? [String: Any])
            let holdout = try #require(metrics["holdout"] as? [String: Any])
            let counts = try #require(version["rowCounts"] as? [String: Any])
            #expect(version["status"] as? String == "serving")
            #expect(version["algorithm"] as? String == "fp-growth")
            #expect(counts["baskets"] as? Int == Self.data.orders.count)
            #expect((metrics["rules"] as? Int ?? 0) > 0)
            #expect(version["trainingSeconds"] as? Double != nil)
            let hitRate = try #require(holdout["hitRate"] as? Double)
            let baseline = try #require(holdout["popularityHitRate"] as? Double)
            #expect(hitRate >= baseline, "rules first, best sellers after, never worse than best sellers alone")
            let summary = try await server.send("GET", "/v1/models", key: key)
            let kinds = summary.json["data"] as? [[String: Any]] ?? []
            #expect(kinds.first { $0["kind"] as? String == "association_rules" }?["servingVersion"] as? Int == 1)
        }
    }

    @Test func aCartGetsItemsOfRulesWhoseAntecedentItHolds() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)

            let cart = try await server.send("POST", "/v1/recommendations", key: key, json: #"{"skus": ["SCARF"], "limit": 2}"#)
            let skus = (cart.json["data"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
            #expect(cart.status == 200)
            #expect(skus.first == "GLOVES")
            #expect(!skus.contains("SCARF"))
        }
    }

    @Test func withNoRuleThePopularItemsAnswerAndTheAnswerSaysSo() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)

            let related = try await server.send("GET", "/v1/items/NEVER-SOLD/related", key: key)
            let skus = (related.json["data"] as? [[String: Any]] ?? []).compactMap { $0["sku"] as? String }
            #expect(related.json["strategy"] as? String == "popularity")
            #expect(!skus.isEmpty)
            #expect((related.json["data"] as? [[String: Any]])?.first?["confidence"] is NSNull)
        }
    }

    @Test func beforeAnyTrainingNothingServesAndTheAnswerSaysSo() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let related = try await server.send("GET", "/v1/items/BAG/related", key: key)
            #expect(related.status == 200)
            #expect(related.json["strategy"] as? String == "none")
            #expect(related.json["model"] is NSNull)
            #expect((related.json["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func aSecondVersionNotWorseServesAndTheFirstCanBePromotedBack() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)
            let afterSecond = try await Self.statuses(server, key: key)
            let rollback = try await server.send("POST", "/v1/models/association_rules/versions/1/promote", key: key)
            let afterRollback = try await Self.statuses(server, key: key)
            let related = try await server.send("GET", "/v1/items/BAG/related", key: key)

            #expect(afterSecond == [2: "serving", 1: "retired"])
            #expect(rollback.status == 200)
            #expect((rollback.json["decision"] as? String)?.contains("promoted by hand") == true)
            #expect(afterRollback == [2: "retired", 1: "serving"])
            #expect((related.json["model"] as? [String: Any])?["version"] as? Int == 1)
        }
    }

    @Test func ordersOfProfilesThatObjectToAnalyticsAreNotLearntFrom() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            var profile: UUID?
            for index in 0..<6 {
                let body = SyntheticBaskets.body(
                    .init(id: "PRIVATE-\(index)", customer: "private@example.com", day: 10 + index, skus: ["BOX", "RING"]))
                profile = try await CommerceFixtures.profile(ofOrder: body, server: server, key: key)
            }
            let objecting = try #require(profile).uuidString.lowercased()
            try await ConsentFixtures.record(server, key: key, profileID: objecting, #"{"analytics": false}"#)
            try await ModelFixtures.train(server: server, key: key)

            let versions = try await server.send("GET", "/v1/models/association_rules/versions", key: key)
            let counts = (versions.json["data"] as? [[String: Any]])?.first?["rowCounts"] as? [String: Any]
            let related = try await server.send("GET", "/v1/items/RING/related", key: key)
            #expect(counts?["baskets"] as? Int == Self.data.orders.count)
            #expect(related.json["strategy"] as? String == "popularity", "no rule knows RING")
            #expect(!related.text.contains("BOX"))
        }
    }

    @Test func inactiveItemsAreNeverSuggested() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await ModelFixtures.load(Self.data, server: server, key: key)
            try await ModelFixtures.train(server: server, key: key)
            _ = try await server.send("PUT", "/v1/items/WALLET", key: key, json: #"{"name": "Wallet", "active": false}"#)

            let related = try await server.send("GET", "/v1/items/BAG/related", key: key)
            #expect(!related.text.contains("WALLET"))
        }
    }

    @Test func theSchedulerQueuesTrainingForTenantsWithOrdersAndNoRecentVersion() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            _ = try await server.makeTenant()
            try await ModelFixtures.load(SyntheticBaskets(seed: 1, customers: 3), server: server, key: key)
            let training = ModelTraining(pool: server.pool)

            let queued = try await training.enqueueDue()
            let jobs = try await JobQueue(pool: server.pool).list(tenantID: tenant.id, status: .queued, limit: 10)
            #expect(queued == ModelKind.allCases.count, "the tenant without orders has nothing to learn")
            #expect(Set(jobs.map(\.kind)) == Set(ModelKind.allCases.map(\.trainingJobKind)))
            _ = try await training.enqueueDue()
            let again = try await JobQueue(pool: server.pool).list(tenantID: tenant.id, status: .queued, limit: 10)
            #expect(again.count == ModelKind.allCases.count, "one training per tenant and kind at a time")
        }
    }

    @Test func badRequestsAreRefusedWithTheFieldAtFault() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let cases: [(String, String, String?, Int)] = [
                ("POST", "/v1/models/association_rules/train", #"{"minSupport": 2}"#, 422),
                ("POST", "/v1/models/association_rules/train", #"{"minSupportCount": 1}"#, 422),
                ("POST", "/v1/models/association_rules/train", #"{"holdoutDays": "thirty"}"#, 422),
                ("POST", "/v1/models/association_rules/train", #"{"maxLen": 3}"#, 422),
                ("POST", "/v1/models/telepathy/train", nil, 404),
                ("GET", "/v1/models/telepathy/versions", nil, 404),
                ("POST", "/v1/models/association_rules/versions/99/promote", nil, 404),
                ("POST", "/v1/recommendations", #"{"skus": []}"#, 422),
                ("POST", "/v1/recommendations", #"{"skus": ["A"], "limit": 500}"#, 400),
                ("POST", "/v1/recommendations", #"{"skus": "BAG"}"#, 422),
                ("GET", "/v1/items/BAG/related?limit=0", nil, 400),
            ]
            for (method, path, body, status) in cases {
                let response = try await server.send(method, path, key: key, json: body)
                #expect(response.status == status, "\(method) \(path) \(body ?? "")")
                #expect(response.header("Content-Type") == "application/problem+json", "\(method) \(path)")
            }
            #expect(try await server.send("GET", "/v1/models", key: reader).status == 403)
            #expect(try await server.send("GET", "/v1/items/BAG/related", key: reader).status == 403)
        }
    }

    private static func statuses(_ server: APITestServer, key: String) async throws -> [Int: String] {
        let versions = try await server.send("GET", "/v1/models/association_rules/versions", key: key)
        var statuses: [Int: String] = [:]
        for version in versions.json["data"] as? [[String: Any]] ?? [] {
            if let number = version["version"] as? Int { statuses[number] = version["status"] as? String }
        }
        return statuses
    }
}
