import AtelierDomain
import Foundation
import Testing

/// `GET/PUT /v1/retention/events`: reading, setting and removing a tenant's event
/// retention, with clear errors and an audit entry for each change.
@Suite("Retention policy")
struct RetentionPolicyTests {
    @Test func aTenantKeepsEventsUntilItSetsAPolicy() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])

            let policy = try await server.send("GET", "/v1/retention/events", key: admin)

            #expect(policy.status == 200)
            #expect(policy.json["months"] is NSNull)
            #expect(policy.json["mode"] is NSNull)
            #expect(policy.json["updatedAt"] is NSNull)
        }
    }

    @Test func aPolicyIsSetReadBackAndAuditedWithWhatItReplaced() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])

            let first = try await server.send("PUT", "/v1/retention/events", key: admin, json: #"{"months": 25, "mode": "delete"}"#)
            let second = try await server.send(
                "PUT", "/v1/retention/events", key: admin, json: #"{"months": 13, "mode": "anonymise"}"#)
            let repeated = try await server.send(
                "PUT", "/v1/retention/events", key: admin, json: #"{"months": 13, "mode": "anonymise"}"#)
            let read = try await server.send("GET", "/v1/retention/events", key: admin)

            #expect([first.status, second.status, repeated.status] == [200, 200, 200] as [Int])
            #expect(read.json["months"] as? Int == 13)
            #expect(read.json["mode"] as? String == "anonymise")
            #expect(read.json["updatedAt"] is String)
            let changes = try await AuditFixtures.entries(server, key: admin, query: "action=retention.policy.changed")
            #expect(changes.count == 2, "setting the same policy again records nothing")
            let latest = try #require(changes.first?["detail"] as? [String: Any])
            #expect(latest["months"] as? Int == 13)
            #expect(latest["mode"] as? String == "anonymise")
            #expect(latest["previousMonths"] as? Int == 25)
            #expect(latest["previousMode"] as? String == "delete")
        }
    }

    @Test func monthsNullRemovesThePolicy() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            _ = try await server.send("PUT", "/v1/retention/events", key: admin, json: #"{"months": 6, "mode": "delete"}"#)

            let removed = try await server.send("PUT", "/v1/retention/events", key: admin, json: #"{"months": null}"#)

            #expect(removed.status == 200)
            #expect(removed.json["months"] is NSNull)
            #expect(try await server.send("GET", "/v1/retention/events", key: admin).json["months"] is NSNull)
            let change = try #require(
                try await AuditFixtures.entries(server, key: admin, query: "action=retention.policy.changed").first)
            #expect((change["detail"] as? [String: Any])?["months"] is NSNull)
            #expect((change["detail"] as? [String: Any])?["previousMonths"] as? Int == 6)
        }
    }

    @Test func badPoliciesAreRefusedWithTheFieldAtFault() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let cases: [(body: String, field: String)] = [
                (#"{"months": 0, "mode": "delete"}"#, "/months"),
                (#"{"months": 1201, "mode": "delete"}"#, "/months"),
                (#"{"months": 2.5, "mode": "delete"}"#, "/months"),
                (#"{"months": "12", "mode": "delete"}"#, "/months"),
                (#"{"months": 12}"#, "/mode"),
                (#"{"months": 12, "mode": "shred"}"#, "/mode"),
                (#"{"months": 12, "mode": "délétè'; DROP TABLE events;--"}"#, "/mode"),
                (#"{"mode": "delete"}"#, "/months"),
                (#"{"months": 12, "mode": "delete", "keepOrders": true}"#, "/keepOrders"),
            ]
            for (body, field) in cases {
                let response = try await server.send("PUT", "/v1/retention/events", key: admin, json: body)
                #expect(response.status == 422, "\(body)")
                #expect(response.json["field"] as? String == field, "\(body): \(response.text)")
            }
            let malformed = try await server.send("PUT", "/v1/retention/events", key: admin, json: #"{"months": "#)
            #expect(malformed.status == 400)
            #expect(try await server.send("GET", "/v1/retention/events", key: admin).json["months"] is NSNull)
            #expect(try await AuditFixtures.entries(server, key: admin, query: "action=retention.policy.changed").isEmpty)
        }
    }

    @Test func privacyOfficersReadThePolicyAndOnlyAdminsChangeIt() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let officer = try await server.issueKey(tenant: tenant, scopes: [.privacyManage])
            let tracker = try await server.issueKey(tenant: tenant, scopes: [.eventsWrite])

            let read = try await server.send("GET", "/v1/retention/events", key: officer)
            let change = try await server.send(
                "PUT", "/v1/retention/events", key: officer, json: #"{"months": 1, "mode": "delete"}"#)
            let trackerRead = try await server.send("GET", "/v1/retention/events", key: tracker)

            #expect([read.status, change.status, trackerRead.status] == [200, 403, 403] as [Int])
            let refused = try #require(
                try await AuditFixtures.entries(server, key: admin, query: "action=retention.policy.changed").first)
            #expect(refused["outcome"] as? String == "refused")
            #expect(refused["reason"] as? String == "forbidden")
            #expect(try await EventRetentionPolicies(pool: server.pool).policy(tenantID: tenant.id) == nil)
        }
    }
}
