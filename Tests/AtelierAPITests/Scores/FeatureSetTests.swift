import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Feature set v1 (`profile_features_v1`) is point-in-time correct: the features as of a
/// cutoff see only facts strictly before it.
@Suite("Feature set")
struct FeatureSetTests {
    static let cutoff = "2026-03-01T00:00:00Z"

    /// Feature set v1 of every person as of `cutoff`, by profile id, then by feature name.
    static func features(_ server: APITestServer, tenant: UUID, asOf cutoff: String) async throws
        -> [UUID: [String: Double]]
    {
        let date = try #require(ISO8601DateFormatter().date(from: cutoff))
        let rows = try await server.pool.query("SELECT * FROM profile_features_v1($1, $2)", [tenant, date])
        var features: [UUID: [String: Double]] = [:]
        for row in rows {
            var values: [String: Double] = [:]
            for name in ProfileFeatureSet.names { values[name] = try row.decode(Double.self, column: name) }
            features[try row.decode(UUID.self, column: "profile_id")] = values
        }
        return features
    }

    @Test func factsAtOrAfterTheCutoffAreNotSeen() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let before = CommerceFixtures.order(
                "BEFORE", channel: "web", storeID: nil, occurredAt: "2026-02-20T10:00:00Z", customer: #"{"userId": "pit"}"#)
            let profile = try await CommerceFixtures.profile(ofOrder: before, server: server, key: key)
            for (id, time) in [("AT", Self.cutoff), ("AFTER", "2026-03-05T10:00:00Z")] {
                let body = CommerceFixtures.order(id, occurredAt: time, customer: #"{"userId": "pit"}"#)
                #expect(try await CommerceFixtures.profile(ofOrder: body, server: server, key: key) == profile)
            }
            for (index, time) in ["2026-02-27T10:00:00Z", Self.cutoff, "2026-03-02T10:00:00Z"].enumerated() {
                _ = try await TrackingFixtures.send(
                    server, key: key, "track",
                    #"{"userId": "pit", "event": "Product Viewed", "messageId": "pit-\#(index)", "timestamp": "\#(time)"}"#)
            }
            _ = try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "pit", "event": "NPS Submitted", "properties": {"score": 2}, "timestamp": "2026-03-03T10:00:00Z"}"#)

            let seen = try #require(try await Self.features(server, tenant: tenant.id, asOf: Self.cutoff)[profile])
            #expect(seen["orders_365d"] == 1)
            #expect(seen["store_share"] == 0, "the store orders are at or after the cutoff")
            #expect(seen["online_share"] == 1)
            #expect(abs(try #require(seen["days_since_last_order"]) - (8 + 14.0 / 24)) < 1e-6)
            #expect(seen["product_views_7d"] == 1)
            #expect(seen["nps_sentiment"] == 0, "the detractor's answer came later")

            let later = try #require(try await Self.features(server, tenant: tenant.id, asOf: "2026-03-10T00:00:00Z")[profile])
            #expect(later["orders_365d"] == 3)
            #expect(later["product_views_30d"] == 3)
            #expect(later["nps_sentiment"] == -1)
        }
    }

    @Test func aPersonWithNoFactBeforeTheCutoffIsNotInTheSnapshot() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let body = CommerceFixtures.order("LATE", occurredAt: "2026-04-01T10:00:00Z", customer: #"{"userId": "late"}"#)
            let profile = try await CommerceFixtures.profile(ofOrder: body, server: server, key: key)

            #expect(try await Self.features(server, tenant: tenant.id, asOf: Self.cutoff)[profile] == nil)
            #expect(try await Self.features(server, tenant: tenant.id, asOf: "2026-05-01T00:00:00Z")[profile] != nil)
        }
    }

    @Test func mergedProfilesAreOnePersonWithTheirFactsTogether() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            _ = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("M1", occurredAt: "2026-02-01T10:00:00Z", customer: #"{"userId": "m1"}"#),
                server: server, key: key)
            _ = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order(
                    "M2", occurredAt: "2026-02-02T10:00:00Z", customer: #"{"email": "merge@example.com"}"#),
                server: server, key: key)
            _ = try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "m1", "traits": {"email": "merge@example.com"}}"#)

            let features = try await Self.features(server, tenant: tenant.id, asOf: Self.cutoff)
            #expect(features.count == 1)
            let person = try #require(features.values.first)
            #expect(person["orders_365d"] == 2)
        }
    }
}

/// The training reads of migration 0009 run as their owner, so only the analytics purpose may
/// call them: any other purpose's session is refused outright.
@Suite("Training reads")
struct TrainingReadTests {
    @Test func onlyTheAnalyticsPurposeMayCallTheTrainingReads() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant()
            let calls = [
                "SELECT count(*) FROM profile_features_v1($1, now())",
                "SELECT count(*) FROM analytics_orders($1, '-infinity', now())",
                "SELECT count(*) FROM analytics_members($1)",
            ]
            for purpose in ReadPurpose.allCases {
                for call in calls {
                    let rows = try? await server.pool.transaction { connection in
                        try await connection.execute("SET LOCAL ROLE \(purpose.databaseRole)")
                        return try await connection.query(call, [tenant.id]).count
                    }
                    #expect(rows == (purpose == .analytics ? 1 : nil), "\(purpose) \(call)")
                }
            }
        }
    }
}
