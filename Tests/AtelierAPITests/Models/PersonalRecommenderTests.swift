import AtelierDomain
import Foundation
import Testing

/// The personal recommender end to end: a synthetic clientele with planted taste in, a trained
/// and registered version that beats popularity on the time-based holdout, and personal lists
/// served only under `personalization` consent, popularity otherwise, saying which.
@Suite("Personal recommender")
struct PersonalRecommenderTests {
    static let data = SyntheticShoppers(seed: 11)

    @Test func theTrainedVersionBeatsPopularityOnNDCGAt10AndTheRegistryShowsBoth() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)

            let version = try await ScoreFixtures.latestVersion(.recommender, server: server, key: key)
            let metrics = try #require(version["metrics"] as? [String: Any])
            let model = try #require((metrics["model"] as? [String: Any])?["ndcg"] as? Double)
            let popularity = try #require((metrics["popularity"] as? [String: Any])?["ndcg"] as? Double)
            #expect(version["status"] as? String == "serving")
            #expect(metrics["k"] as? Int == 10)
            #expect(model > popularity, "planted taste: \(model) vs popularity \(popularity)")
            #expect(["als", "item_knn"].contains(version["algorithm"] as? String))
            #expect((metrics["popularity"] as? [String: Any])?["users"] as? Int == (metrics["model"] as? [String: Any])?["users"] as? Int)
            #expect((version["peakMemoryBytes"] as? Int ?? 0) > 0)
            let counts = try #require(version["rowCounts"] as? [String: Any])
            #expect(counts["persons"] as? Int == Self.data.shoppers)
            #expect(counts["items"] as? Int == SyntheticShoppers.catalogue.count)
            let window = try #require(version["dataWindow"] as? [String: Any])
            #expect(window["holdoutDays"] as? Int == 30)
        }
    }

    @Test func aConsentingShopperGetsItemsOfTheirTasteMinusWhatTheyBought() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)
            let shopper = 5
            let id = try await RecommenderFixtures.personalize(Self.data, shopper: shopper, server: server, key: key)

            let response = try await server.send("GET", "/v1/profiles/\(id)/recommendations?limit=2", key: key)
            let skus = RecommenderFixtures.skus(response.json)
            let model = try #require(response.json["model"] as? [String: Any])
            #expect(response.status == 200)
            #expect(response.json["reason"] as? String == "personal")
            #expect(["als", "item_knn"].contains(response.json["strategy"] as? String))
            #expect(model["kind"] as? String == "recommender")
            #expect(model["version"] as? Int == 1)
            #expect(skus.count == 2)
            #expect(skus.allSatisfy { $0.hasPrefix("T\(Self.data.tasteOf[shopper])-") }, "\(skus)")
            #expect(Set(skus).isDisjoint(with: Self.data.bought(by: shopper)))
        }
    }

    @Test func withoutPersonalizationConsentOrForAnUnknownIDTheAnswerIsTheSamePopularityList() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)
            let id = try await RecommenderFixtures.profileID(Self.data, shopper: 6, server: server, key: key)

            let refused = try await server.send("GET", "/v1/profiles/\(id)/recommendations", key: key)
            let unknown = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/recommendations", key: key)
            #expect(refused.status == 200)
            #expect(refused.json["strategy"] as? String == "popularity")
            #expect(refused.json["reason"] as? String == "not_personalizable")
            #expect(unknown.json["reason"] as? String == "not_personalizable")
            #expect(RecommenderFixtures.skus(refused.json) == RecommenderFixtures.skus(unknown.json))
            #expect(RecommenderFixtures.skus(refused.json).first?.hasPrefix("BEST-") == true)
        }
    }

    @Test func aConsentingProfileWithoutHistoryGetsPopularityAndTheReasonSaysSo() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)
            let id = try await ConsentFixtures.profile(server, key: key, email: "new@example.com", userID: "newcomer")
            try await ConsentFixtures.record(server, key: key, profileID: id, #"{"personalization": true}"#)

            let response = try await server.send("GET", "/v1/profiles/\(id)/recommendations", key: key)
            #expect(response.json["strategy"] as? String == "popularity")
            #expect(response.json["reason"] as? String == "no_history")
            #expect((response.json["model"] as? [String: Any])?["version"] as? Int == 1)
        }
    }

    @Test func categoryExcludeContextAndInactiveItemsShapeTheList() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)
            let shopper = 9
            let id = try await RecommenderFixtures.personalize(Self.data, shopper: shopper, server: server, key: key)
            let first = RecommenderFixtures.skus(
                try await server.send("GET", "/v1/profiles/\(id)/recommendations?limit=2", key: key).json)
            let retired = try #require(first.first)
            let excluded = try #require(first.last)
            let put = try await server.send(
                "PUT", "/v1/items/\(retired)", key: key, json: #"{"name": "Retired", "categoryPath": ["bags"], "active": false}"#)
            #expect(put.status == 200)

            let shaped = try await server.send(
                "GET", "/v1/profiles/\(id)/recommendations?limit=10&exclude=\(excluded)&context=BEST-2", key: key)
            let skus = RecommenderFixtures.skus(shaped.json)
            #expect(!skus.contains(retired))
            #expect(!skus.contains(excluded))
            #expect(!skus.contains("BEST-2"))
            let bags = try await server.send("GET", "/v1/profiles/\(id)/recommendations?category=bags", key: key)
            #expect(!RecommenderFixtures.skus(bags.json).isEmpty)
            #expect(RecommenderFixtures.skus(bags.json).allSatisfy { SyntheticShoppers.category(of: $0) == "bags" })
        }
    }

    @Test func aProfileWithoutAnalyticsConsentContributesNothingToTraining() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            let id = try await ConsentFixtures.profile(server, key: key, email: "private@example.com", userID: "private")
            try await ConsentFixtures.record(server, key: key, profileID: id, #"{"analytics": false, "personalization": true}"#)
            let order =
                #"{"orderId": "PRIVATE-1", "channel": "web", "occurredAt": "\#(Self.data.date(day: 50, hour: 9))", "currency": "EUR", "#
                + #""lines": [{"sku": "SECRET-1", "quantity": 1, "unitPriceMinor": 100}], "customer": {"userId": "private"}}"#
            let recorded = try await server.send("POST", "/v1/orders", key: key, json: order)
            #expect(recorded.status == 201, "\(recorded.text)")
            try await RecommenderFixtures.train(server: server, key: key)

            let version = try await ScoreFixtures.latestVersion(.recommender, server: server, key: key)
            let counts = try #require(version["rowCounts"] as? [String: Any])
            #expect(counts["persons"] as? Int == Self.data.shoppers)
            #expect(counts["items"] as? Int == SyntheticShoppers.catalogue.count, "SECRET-1 is not in the model")
            let stored = try await server.pool.query(
                "SELECT count(*) AS rows FROM recommender_profiles WHERE profile_id = $1", [UUID(uuidString: id)])
            #expect(try stored.first?.decode(Int.self, column: "rows") == 0)
            let model = try await server.pool.query("SELECT model::text AS model FROM recommender_models")
            #expect(try model.first?.decode(String.self, column: "model").contains("SECRET-1") == false)
        }
    }

    @Test func anAnonymousCartIsCompletedByItemKNNWhenNoRuleApplies() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await RecommenderFixtures.load(Self.data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)

            let cart = try await server.send("POST", "/v1/recommendations", key: key, json: #"{"skus": ["T2-0"], "limit": 3}"#)
            let skus = RecommenderFixtures.skus(cart.json)
            #expect(cart.status == 200)
            #expect(cart.json["strategy"] as? String == "item_knn")
            #expect((cart.json["recommenderModel"] as? [String: Any])?["version"] as? Int == 1)
            #expect(skus.count == 3)
            #expect(skus.allSatisfy { $0.hasPrefix("T2-") && $0 != "T2-0" }, "\(skus)")
        }
    }

    @Test func badQueryParametersAreProblemsNamingTheParameter() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = UUID().uuidString
            for query in [
                "limit=0", "limit=51", "limit=ten", "limit=%EF%BC%91", "limit=1&limit=2", "colour=red", "category=",
                "category=bags%01", "exclude=A,,B", "context=" + Array(repeating: "A", count: 21).joined(separator: ","),
                "exclude=%27%3B%20DROP%20TABLE%20items%3B--" + String(repeating: "x", count: 200),
            ] {
                let response = try await server.send("GET", "/v1/profiles/\(id)/recommendations?\(query)", key: key)
                #expect(response.status == 400, "\(query)")
                #expect(response.header("content-type")?.hasPrefix("application/problem+json") == true, "\(query)")
                #expect(response.json["type"] as? String != nil, "\(query)")
            }
            let notAnID = try await server.send("GET", "/v1/profiles/not-a-uuid/recommendations", key: key)
            #expect(notAnID.status == 400)
            let unicode = try await server.send(
                "GET", "/v1/profiles/\(id)/recommendations?category=%C3%89charpes&exclude=%E6%89%8B%E8%A2%8B", key: key)
            #expect(unicode.status == 200)
            #expect(unicode.json["strategy"] as? String == "none")
            #expect(unicode.json["reason"] as? String == "no_model")
        }
    }

    @Test func aKeyWithoutTheRecommendationsScopeIsRefused() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant()
            let key = try await server.issueKey(tenant: tenant, scopes: [.profilesRead, .modelsManage])
            let response = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/recommendations", key: key)
            #expect(response.status == 403)
            #expect(response.header("content-type")?.hasPrefix("application/problem+json") == true)
        }
    }
}

/// Erasure reaches the recommender: a person's stored history and factors go with them, at
/// once, and the next request for their id cannot be personal.
@Suite("Personal recommender erasure")
struct PersonalRecommenderErasureTests {
    @Test func erasingAShopperRemovesTheirRecommenderValuesAtOnceAndTheReceiptSaysSo() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let data = PersonalRecommenderTests.data
            try await RecommenderFixtures.load(data, server: server, key: key)
            try await RecommenderFixtures.train(server: server, key: key)
            let id = try await RecommenderFixtures.personalize(data, shopper: 3, server: server, key: key)
            let before = try await server.send("GET", "/v1/profiles/\(id)/recommendations", key: key)
            #expect(before.json["reason"] as? String == "personal")

            let erasure = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("user_id", data.userID(3), "raw")]))
            await PrivacyFixtures.drain(server)

            let status = try await PrivacyFixtures.status(server, key: key, erasure)
            let receipt = try #require((status["results"] as? [String: Any])?["receipt"] as? [String: Any])
            let tables = try #require(receipt["tables"] as? [[String: Any]])
            #expect(tables.first { $0["table"] as? String == "recommender_profiles" }?["rows"] as? Int == 1)
            #expect(receipt["models_affected"] as? [String] == ["recommender"])
            let left = try await server.pool.query(
                "SELECT count(*) AS rows FROM recommender_profiles WHERE profile_id = $1", [UUID(uuidString: id)])
            #expect(try left.first?.decode(Int.self, column: "rows") == 0)
            let after = try await server.send("GET", "/v1/profiles/\(id)/recommendations", key: key)
            #expect(after.json["strategy"] as? String == "popularity")
            #expect(after.json["reason"] as? String == "not_personalizable")
        }
    }
}
