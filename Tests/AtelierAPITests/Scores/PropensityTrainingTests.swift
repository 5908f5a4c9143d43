import AtelierDomain
import Foundation
import Testing

extension ScoreTrainingSuites {
    /// `train:propensity` end to end: a synthetic clientele with planted signal in through the
    /// API, a trained and registered version with its time-based holdout metrics, and scores.
    @Suite("Propensity training")
    struct PropensityTrainingTests {
        static let data = SyntheticCustomers(seed: 11)

        @Test func theHoldoutAUCBeatsRecencyAloneOnPlantedSignal() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)

                let version = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)
                let metrics = try #require(version["metrics"] as? [String: Any])
                let auc = try #require(metrics["auc"] as? Double)
                let baseline = try #require(metrics["recencyBaselineAUC"] as? Double)
                print("propensity holdout AUC \(auc), recency-only baseline \(baseline), log-loss \(metrics["logLoss"] ?? "-")")
                #expect(version["status"] as? String == "serving")
                #expect(auc > baseline + 0.1)
                #expect(auc > 0.75)
                #expect((metrics["logLoss"] as? Double).map { $0.isFinite && $0 > 0 } == true)
                let calibration = try #require(metrics["calibration"] as? [String: Any])
                #expect(!((calibration["bins"] as? [Any]) ?? []).isEmpty)
                let coefficients = try #require(metrics["coefficients"] as? [String: Double])
                #expect(Set(coefficients.keys) == Set(ProfileFeatureSet.names))
                #expect(try #require(coefficients["product_views_7d"]) > 0, "recent views raise the propensity")
            }
        }

        @Test func trainingTwiceOnTheSameFactsGivesTheSameModel() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                let first = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                let second = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)

                let firstMetrics = try #require(first["metrics"] as? [String: Any])
                let secondMetrics = try #require(second["metrics"] as? [String: Any])
                #expect(second["version"] as? Int == 2)
                #expect(firstMetrics["coefficients"] as? [String: Double] == secondMetrics["coefficients"] as? [String: Double])
                #expect(firstMetrics["auc"] as? Double == secondMetrics["auc"] as? Double)
                #expect(second["status"] as? String == "serving", "not worse than the same parameters: it serves")
                #expect((second["decision"] as? String)?.contains("holdout AUC") == true)
            }
        }

        @Test func aTrainedVersionScoresEveryProfileWithItsTopContributions() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                let profile = try await ScoreFixtures.profileID(Self.data, customer: 3, server: server, key: key)

                let response = try await server.send("GET", "/v1/profiles/\(profile)/scores", key: key)
                #expect(response.status == 200)
                #expect(response.json["profileId"] as? String == profile)
                let score = try #require((response.json["data"] as? [[String: Any]])?.first)
                #expect(score["kind"] as? String == "propensity")
                #expect((score["model"] as? [String: Any])?["version"] as? Int == 1)
                let probability = try #require(score["score"] as? Double)
                #expect((0...1).contains(probability))
                let contributions = try #require(score["contributions"] as? [[String: Any]])
                #expect(contributions.count == 5)
                let sizes = contributions.compactMap { ($0["contribution"] as? Double).map(abs) }
                #expect(sizes == sizes.sorted(by: >), "largest push first")
                let scored = try await server.pool.query(
                    "SELECT count(*) AS n FROM profile_scores WHERE kind = 'propensity'"
                ).first?.decode(Int.self, column: "n")
                #expect(scored == Self.data.customersSeen(beforeDay: SyntheticCustomers.days, hour: 0).count)
            }
        }

        @Test func ordersOfProfilesThatObjectToAnalyticsAreNotLearntFromNorScored() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                let objecting = try await ScoreFixtures.profileID(Self.data, customer: 5, server: server, key: key)
                try await ConsentFixtures.record(server, key: key, profileID: objecting, #"{"analytics": false}"#)
                try await ScoreFixtures.train(.propensity, server: server, key: key)

                let version = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)
                let counts = try #require(version["rowCounts"] as? [String: Any])
                let holdout = Self.data.customersSeen(beforeDay: SyntheticCustomers.cutoffDays[1], hour: 12)
                #expect(holdout.contains(5))
                #expect(counts["holdout"] as? Int == holdout.count - 1)
                let stored = try await server.pool.query(
                    "SELECT count(*) AS n FROM profile_scores WHERE profile_id = $1", [try #require(UUID(uuidString: objecting))]
                ).first?.decode(Int.self, column: "n")
                #expect(stored == 0)
                let scores = try await server.send("GET", "/v1/profiles/\(objecting)/scores", key: key)
                #expect(scores.status == 404)
            }
        }

        @Test func aTenantWithoutOrdersGetsAFailedVersionSayingWhy() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                await #expect(throws: (any Error).self) { try await ScoreFixtures.train(.propensity, server: server, key: key) }
                let version = try await ScoreFixtures.latestVersion(.propensity, server: server, key: key)
                #expect(version["status"] as? String == "failed")
                #expect((version["decision"] as? String)?.contains("no orders") == true)
            }
        }

        @Test func trainingParametersOfTheWrongShapeAreRefusedWithTheField() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                let unknown = try await server.send("POST", "/v1/models/propensity/train", key: key, json: #"{"minSupport": 0.1}"#)
                let range = try await server.send("POST", "/v1/models/churn/train", key: key, json: #"{"horizonDays": 2}"#)
                let weighting = try await server.send(
                    "POST", "/v1/models/propensity/train", key: key, json: #"{"classWeighting": "heavy"}"#)
                let clv = try await server.send("POST", "/v1/models/clv/train", key: key, json: #"{"months": 0}"#)
                #expect(unknown.status == 422 || unknown.status == 400)
                #expect(range.status == 422)
                #expect(range.json["pointer"] as? String == "/horizonDays" || range.text.contains("/horizonDays"))
                #expect(weighting.status == 422 || weighting.status == 400)
                #expect(clv.status == 422)
                #expect(clv.text.contains("/months"))
            }
        }
    }
}
