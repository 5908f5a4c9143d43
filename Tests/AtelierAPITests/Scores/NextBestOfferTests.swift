import AtelierDomain
import Foundation
import Testing

extension ScoreTrainingSuites {
    /// `GET /v1/profiles/{id}/offer`: the decision under the tenant's rules and why, and the
    /// non-personal answer for a profile that does not permit personalization.
    @Suite("Next best offer")
    struct NextBestOfferTests {
        static let data = SyntheticCustomers(seed: 17, customers: 160)

        @Test func aProfileThatDoesNotPermitPersonalizationGetsTheSameAnswerAsAnUnknownOne() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                let profile = try await ConsentFixtures.profile(server, key: key, email: "nbo@example.com", userID: "nbo")

                let known = try await server.send("GET", "/v1/profiles/\(profile)/offer", key: key)
                let unknown = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/offer", key: key)
                #expect(known.status == 200)
                #expect(known.json["personalised"] as? Bool == false)
                #expect(known.json["discountPercent"] as? Int == 0)
                #expect(known.json["rule"] as? String == "not_personalised")
                #expect(!known.text.contains(profile) && !known.text.contains("nbo"))
                #expect(try Self.canonical(known.json) == Self.canonical(unknown.json))
            }
        }

        /// The JSON with its keys sorted, to compare answers whatever their member order.
        static func canonical(_ json: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        }

        @Test func theDecisionFollowsTheTenantsRulesAndSaysWhy() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                try await ScoreFixtures.load(Self.data, server: server, key: key)
                try await ScoreFixtures.train(.propensity, server: server, key: key)
                let profile = try await ScoreFixtures.profileID(Self.data, customer: 0, server: server, key: key)
                try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"personalization": true}"#)

                let defaults = try await server.send("GET", "/v1/profiles/\(profile)/offer", key: key)
                #expect(defaults.json["personalised"] as? Bool == true)
                let propensity = try #require((defaults.json["scores"] as? [String: Any])?["propensity"] as? Double)
                #expect((defaults.json["models"] as? [String: Any])?["propensity"] as? Int == 1)

                let everyoneLikely = try await server.send(
                    "PUT", "/v1/offers/rules", key: key, json: #"{"noDiscountAbovePropensity": 0, "maxDiscountPercent": 20}"#)
                #expect(everyoneLikely.status == 200)
                let none = try await server.send("GET", "/v1/profiles/\(profile)/offer", key: key)
                #expect(none.json["discountPercent"] as? Int == 0)
                #expect(none.json["rule"] as? String == "likely_to_buy")

                _ = try await server.send(
                    "PUT", "/v1/offers/rules", key: key, json: #"{"noDiscountAbovePropensity": 1, "maxDiscountPercent": 20}"#)
                let scaled = try await server.send("GET", "/v1/profiles/\(profile)/offer", key: key)
                let expected = Int((20 * (1 - propensity) / 5).rounded(.down)) * 5
                #expect(scaled.json["rule"] as? String == "scaled_by_propensity")
                #expect(scaled.json["discountPercent"] as? Int == expected)
                #expect((scaled.json["reason"] as? String)?.contains(String(format: "%.2f", propensity)) == true)
                #expect((scaled.json["rules"] as? [String: Any])?["maxDiscountPercent"] as? Int == 20)
            }
        }

        @Test func offerRulesOutOfRangeAreRefusedWithTheField() async throws {
            try await APITestServer.with { server in
                let (_, key) = try await server.makeTenant()
                let ceiling = try await server.send("PUT", "/v1/offers/rules", key: key, json: #"{"maxDiscountPercent": 95}"#)
                let threshold = try await server.send(
                    "PUT", "/v1/offers/rules", key: key, json: #"{"noDiscountAbovePropensity": "high"}"#)
                let unknown = try await server.send("PUT", "/v1/offers/rules", key: key, json: #"{"discount'; DROP TABLE x": 1}"#)
                let rules = try await server.send("GET", "/v1/offers/rules", key: key)
                #expect(ceiling.status == 422)
                #expect(ceiling.text.contains("/maxDiscountPercent"))
                #expect(threshold.status == 422 || threshold.status == 400)
                #expect(unknown.status == 422 || unknown.status == 400)
                #expect(rules.json["maxDiscountPercent"] as? Int == 15, "the defaults are untouched")
            }
        }
    }
}
