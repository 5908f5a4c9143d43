import AtelierDomain
import Foundation
import Testing

/// The `score` and `cluster` conditions against memberships computed by hand from
/// `SegmentFixtures.customerBase` and the model outputs written below, evaluated on PostgreSQL
/// through the purpose pools.
///
/// | person | propensity v1 (serving) | propensity v2 (retired) | clv v1 (serving) | segmentation v1 | v2 |
/// |---|---|---|---|---|---|
/// | ann | 0.9 | – | 1 200 000 | 0 | – |
/// | ben | 0.4 | – | – | 0 | – |
/// | dan | – | 0.99 | – | – | 0 |
/// | gus | 0.75 | – | 390 000 | 1 | – |
/// | hal | 0.2 | – | – | 2 | – |
@Suite("Model conditions in segment rules")
struct ModelConditionTests {
    static let cases: [(rule: String, members: Set<String>)] = [
        (#"{"score": {"kind": "propensity", "gte": 0.7}}"#, ["ann", "gus"]),
        (#"{"score": {"kind": "propensity", "gt": 0.3, "lt": 0.8}}"#, ["ben", "gus"]),
        (#"{"score": {"kind": "propensity", "gte": 0.95}}"#, []),
        (#"{"score": {"kind": "churn", "gte": 0}}"#, []),
        (#"{"score": {"kind": "clv", "gte": 400000}}"#, ["ann"]),
        (#"{"not": {"score": {"kind": "propensity", "gte": 0.5}}}"#, ["ben", "cat", "dan", "eve", "hal"]),
        (#"{"cluster": {"version": 1, "label": 0}}"#, ["ann", "ben"]),
        (#"{"cluster": {"model": "segmentation", "version": 2, "label": 0}}"#, ["dan"]),
        (#"{"cluster": {"version": 1, "label": 3}}"#, []),
        (#"{"and": [{"cluster": {"version": 1, "label": 0}}, {"score": {"kind": "propensity", "gte": 0.5}}]}"#, ["ann"]),
        (#"{"or": [{"cluster": {"version": 1, "label": 2}}, {"score": {"kind": "clv", "gte": 300000}}]}"#, ["ann", "gus", "hal"]),
    ]

    /// Refused conditions, each with the pointer of the node at fault (checked with the other
    /// refusals in `SegmentRuleCompilerTests`).
    static let refusals: [(rule: String, pointer: String)] = [
        (#"{"score": {"kind": "rfm", "gte": 0.5}}"#, "/score/kind"),
        (#"{"score": {"gte": 0.5}}"#, "/score/kind"),
        (#"{"score": {"kind": "churn", "gte": 1.5}}"#, "/score/gte"),
        (#"{"score": {"kind": "clv", "lt": -1}}"#, "/score/lt"),
        (#"{"score": {"kind": "churn"}}"#, "/score"),
        (#"{"score": {"kind": "churn", "eq": 0.5}}"#, "/score/eq"),
        (#"{"score": {"kind": "churn", "gte": "high"}}"#, "/score/gte"),
        (#"{"cluster": {"label": 1}}"#, "/cluster/version"),
        (#"{"cluster": {"version": 1}}"#, "/cluster/label"),
        (#"{"cluster": {"version": 0, "label": 1}}"#, "/cluster/version"),
        (#"{"cluster": {"version": 1, "label": 20}}"#, "/cluster/label"),
        (#"{"cluster": {"model": "kmeans", "version": 1, "label": 1}}"#, "/cluster/model"),
        (#"{"cluster": {"version": "1", "label": 0}}"#, "/cluster/version"),
        (#"{"and": [{"cluster": {"version": 1, "label": 0, "name": "x"}}]}"#, "/and/0/cluster/name"),
    ]

    /// Writes the model outputs of the table above for the tenant.
    static func writeModelOutputs(_ server: APITestServer, tenantID: UUID, ids: [String: UUID]) async throws {
        for (kind, version, status) in [
            ("propensity", 1, "serving"), ("propensity", 2, "retired"), ("clv", 1, "serving"), ("segmentation", 1, "retired"),
            ("segmentation", 2, "serving"),
        ] {
            try await server.pool.execute(
                "INSERT INTO model_versions (tenant_id, kind, version, status, algorithm) VALUES ($1, $2, $3, $4, 'fixture')",
                [tenantID, kind, version, status])
        }
        let scores: [(String, String, Int, Double)] = [
            ("ann", "propensity", 1, 0.9), ("ben", "propensity", 1, 0.4), ("gus", "propensity", 1, 0.75),
            ("hal", "propensity", 1, 0.2), ("dan", "propensity", 2, 0.99), ("ann", "clv", 1, 1_200_000),
            ("gus", "clv", 1, 390_000),
        ]
        for (name, kind, version, score) in scores {
            try await server.pool.execute(
                """
                INSERT INTO profile_scores (tenant_id, profile_id, kind, version, score, features_as_of)
                VALUES ($1, $2, $3, $4, $5, now())
                """, [tenantID, try #require(ids[name]), kind, version, score])
        }
        for (name, version, label) in [("ann", 1, 0), ("ben", 1, 0), ("gus", 1, 1), ("hal", 1, 2), ("dan", 2, 0)] {
            try await server.pool.execute(
                """
                INSERT INTO cluster_assignments (tenant_id, profile_id, version, label, features_as_of)
                VALUES ($1, $2, $3, $4, now())
                """, [tenantID, try #require(ids[name]), version, label])
        }
    }

    @Test func scoreAndClusterConditionsSelectTheHandComputedMembers() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            try await Self.writeModelOutputs(server, tenantID: tenant.id, ids: ids)
            for (rule, expected) in Self.cases {
                let members = try await SegmentFixtures.members(rule, server, key: key, ids: ids)
                #expect(members == expected, "\(rule)")
            }
        }
    }

    @Test func aModelConditionNeedsAnalyticsWhateverTheSegmentsPurpose() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            try await Self.writeModelOutputs(server, tenantID: tenant.id, ids: ids)
            let rules = [#"{"score": {"kind": "propensity", "gte": 0.7}}"#, #"{"cluster": {"version": 1, "label": 0}}"#]
            for rule in rules {
                let before = try await SegmentFixtures.members(rule, server, key: key, ids: ids, purpose: "marketing_email")
                #expect(before == ["ann"], "\(rule): ann alone permits marketing email")
            }
            let ann = try #require(ids["ann"]).uuidString
            try await ConsentFixtures.record(server, key: key, profileID: ann, #"{"analytics": false}"#)
            for rule in rules {
                let after = try await SegmentFixtures.members(rule, server, key: key, ids: ids, purpose: "marketing_email")
                #expect(after.isEmpty, "\(rule): ann's scores and cluster were learnt for analytics, which she withdrew")
            }
        }
    }

    @Test func anInvalidConditionInARequestIsAProblemWithThePointerFromTheBody() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send(
                "POST", "/v1/segments/preview", key: key, json: #"{"rule": {"not": {"score": {"kind": "churn", "gte": 2}}}}"#)
            #expect(response.status == 422)
            #expect(response.json["field"] as? String == "/rule/not/score/gte")
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/invalid-field")
        }
    }
}
