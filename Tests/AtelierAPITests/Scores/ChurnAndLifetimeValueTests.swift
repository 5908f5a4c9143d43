import AtelierDomain
import Foundation
import Testing

extension ScoreTrainingSuites {
    /// `train:churn` and `train:clv` end to end on the synthetic clientele, and the scores they write.
    @Suite("Churn and lifetime value")
    struct ChurnAndLifetimeValueTests {
        static let data = SyntheticCustomers(seed: 13)

        @Test func churnIsTrainedOnCustomersOverTheTenantsHorizonAndScored() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.churn, server: server, key: key, body: #"{"horizonDays": 30}"#)

                let version = try await ScoreFixtures.latestVersion(.churn, server: server, key: key)
                let metrics = try #require(version["metrics"] as? [String: Any])
                print("churn holdout AUC \(metrics["auc"] ?? "-"), recency-only \(metrics["recencyBaselineAUC"] ?? "-")")
                #expect(version["status"] as? String == "serving")
                #expect((version["parameters"] as? [String: Any])?["horizonDays"] as? Int == 30)
                #expect(try #require(metrics["auc"] as? Double) > 0.5)
                let customers = Set(
                    Self.data.orders.filter { $0.day <= SyntheticCustomers.cutoffDays[1] }.map(\.customer))
                #expect((version["rowCounts"] as? [String: Any])?["holdout"] as? Int == customers.count)
                let buyer = try await ScoreFixtures.profileID(Self.data, customer: 0, server: server, key: key)
                let scores = try await server.send("GET", "/v1/profiles/\(buyer)/scores", key: key)
                #expect((scores.json["data"] as? [[String: Any]])?.first?["kind"] as? String == "churn")
            }
        }

        @Test func lifetimeValueIsComparedWithTheHoldoutAndScored() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.clv, server: server, key: key, body: #"{"holdoutDays": 30}"#)

                let version = try await ScoreFixtures.latestVersion(.clv, server: server, key: key)
                let metrics = try #require(version["metrics"] as? [String: Any])
                print("clv holdout: predicted \(metrics["predictedPurchases"] ?? "-") vs actual \(metrics["actualPurchases"] ?? "-") purchases, MAE \(metrics["purchasesMAE"] ?? "-")")
                #expect(version["status"] as? String == "serving")
                let predicted = try #require(metrics["predictedPurchases"] as? Double)
                let actual = try #require(metrics["actualPurchases"] as? Int)
                #expect(actual > 0)
                #expect(predicted > 0)
                #expect(metrics["purchasesMAE"] as? Double != nil)
                #expect(metrics["predictedSpendMinor"] as? Double != nil && metrics["actualSpendMinor"] as? Double != nil)

                let buyer = try await ScoreFixtures.profileID(Self.data, customer: 0, server: server, key: key)
                let scores = try await server.send("GET", "/v1/profiles/\(buyer)/scores", key: key)
                let score = try #require((scores.json["data"] as? [[String: Any]])?.first)
                #expect(score["kind"] as? String == "clv")
                #expect(try #require(score["score"] as? Double) > 0)
                let lifetime = try #require(score["lifetime"] as? [String: Any])
                #expect(lifetime["months"] as? Int == 12)
                #expect((lifetime["expectedPurchases"] as? Double).map { $0 > 0 } == true)
            }
        }
    }
}
