import AtelierDomain
import AtelierWorker
import Foundation
import Testing

extension ScoreTrainingSuites {
    /// Scores follow the facts: the hourly `scores:refresh` rescores with the serving versions, and
    /// a version put into service by hand is rescored with at once.
    @Suite("Score refresh")
    struct ScoreRefreshTests {
        static let data = SyntheticCustomers(seed: 19, customers: 160)

        /// Claims the queued `scores:refresh` job of `tenant` (or a new system-wide one) and runs it.
        static func refresh(server: APITestServer, tenantID: UUID?) async throws {
            let queue = JobQueue(pool: server.pool)
            if tenantID == nil { _ = try await queue.enqueue(kind: RefreshScoresJob.kindName, tenantID: nil) }
            let handler = RefreshScoresJob(scorer: ProfileScorer(pool: server.pool, readers: server.personalData))
            let job = try #require(try await queue.claim(owner: "test", kinds: [handler.kind], lease: .seconds(300)))
            #expect(job.tenantID == tenantID)
            try await queue.complete(jobID: job.id, owner: "test", result: try await handler.run(job))
        }

        @Test func recentProductViewsRaiseThePropensityAtTheNextRefresh() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                let profile = try await ScoreFixtures.profileID(Self.data, customer: 7, server: server, key: key)
                let before = try #require(
                    (try await server.send("GET", "/v1/profiles/\(profile)/scores", key: key).json["data"] as? [[String: Any]])?.first)

                for index in 0..<6 {
                    _ = try await TrackingFixtures.send(
                        server, key: key, "track",
                        #"{"userId": "\#(Self.data.userID(7))", "event": "Product Viewed", "messageId": "fresh-\#(index)"}"#)
                }
                try await Self.refresh(server: server, tenantID: nil)
                let after = try #require(
                    (try await server.send("GET", "/v1/profiles/\(profile)/scores", key: key).json["data"] as? [[String: Any]])?.first)

                #expect(try #require(after["score"] as? Double) > (try #require(before["score"] as? Double)))
                #expect((after["featuresAsOf"] as? String ?? "") > (before["featuresAsOf"] as? String ?? "~"))
                let views = (after["contributions"] as? [[String: Any]] ?? []).first { $0["feature"] as? String == "product_views_7d" }
                #expect(views?["value"] as? Double == 6)
            }
        }

        @Test func promotingAScoreVersionByHandRescoresWithIt() async throws {
            try await APITestServer.with { server in
                let (tenant, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key, body: #"{"inverseRegularization": 0.001}"#)
                let profile = try await ScoreFixtures.profileID(Self.data, customer: 2, server: server, key: key)
                let serving = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)

                let rollback = try await server.send(
                    "POST", "/v1/models/propensity/versions/\(serving["status"] as? String == "serving" ? 1 : 2)/promote", key: key)
                #expect(rollback.status == 200)
                let promoted = try #require(rollback.json["version"] as? Int)
                try await Self.refresh(server: server, tenantID: tenant.id)
                let scores = try await server.send("GET", "/v1/profiles/\(profile)/scores", key: key)
                let score = try #require((scores.json["data"] as? [[String: Any]])?.first)
                #expect((score["model"] as? [String: Any])?["version"] as? Int == promoted)
            }
        }
    }
}
