import Foundation
import Testing

/// The audit and retention responses carry exactly the members their OpenAPI schemas declare.
@Suite("Audit and retention contract")
struct AuditContractTests {
    @Test func auditAndRetentionResponsesCarryExactlyTheirSchemasProperties() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            _ = try await server.send("PUT", "/v1/retention/events", key: admin, json: #"{"months": 24, "mode": "delete"}"#)

            let page = try await server.send("GET", "/v1/audit?limit=1", key: admin)
            let entry = try #require((page.json["data"] as? [[String: Any]])?.first)
            let actor = try #require(entry["actor"] as? [String: Any])
            let target = try #require(entry["target"] as? [String: Any])
            let verdict = try await server.send("GET", "/v1/audit/verify", key: admin)
            let policy = try await server.send("GET", "/v1/retention/events", key: admin)

            #expect(Set(page.json.keys) == schemas["AuditPage"])
            #expect(Set(entry.keys) == schemas["AuditEntry"])
            #expect(Set(actor.keys) == schemas["AuditReference"])
            #expect(Set(target.keys) == schemas["AuditReference"])
            #expect(Set(verdict.json.keys) == schemas["AuditVerification"])
            #expect(Set(policy.json.keys) == schemas["RetentionPolicy"])
            let occurredAt = try #require(entry["occurredAt"] as? String)
            #expect(occurredAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil, "\(occurredAt)")
        }
    }
}
