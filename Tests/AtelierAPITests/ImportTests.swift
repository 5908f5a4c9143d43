import AtelierDomain
import Foundation
import Testing

/// Bulk NDJSON import: every kind, bad lines reported by number without losing good ones,
/// and a body large enough to be spooled to disk.
@Suite("Bulk import")
struct ImportTests {

    static func post(_ server: APITestServer, key: String, kind: String, _ lines: [String]) async throws
        -> RawHTTPClient.Response
    {
        try await server.client.send(
            "POST", "/v1/import/\(kind)",
            headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/x-ndjson")],
            body: Array(lines.joined(separator: "\n").utf8))
    }

    @Test func eventsAreImportedAndBadLinesAreReportedByNumber() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await Self.post(
                server, key: key, kind: "events",
                [
                    #"{"type": "track", "userId": "u1", "event": "Viewed", "messageId": "m1"}"#,
                    #"{"type": "track", "userId": "#,
                    #"{"type": "track", "event": "No identity", "messageId": "m3"}"#,
                    "",
                    #"{"type": "identify", "userId": "u1", "traits": {"email": "u1@example.com"}, "messageId": "m5"}"#,
                    #"{"type": "track", "userId": "u1", "event": "Viewed", "messageId": "m1"}"#,
                ])
            let errors = response.json["errors"] as? [[String: Any]] ?? []

            #expect(response.status == 200)
            #expect(response.json["lines"] as? Int == 5)
            #expect(response.json["accepted"] as? Int == 2)
            #expect(response.json["duplicates"] as? Int == 1)
            #expect(response.json["rejected"] as? Int == 2)
            #expect(errors.map { $0["line"] as? Int } == [2, 3])
            #expect(errors.last?["field"] as? String == "/userId")
            #expect(try await TrackingFixtures.profileID(server, key: key, "email:u1@example.com") != nil)
        }
    }

    @Test func aFileLargerThanTheSpoolThresholdIsImportedWhole() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let padding = String(repeating: "x", count: 400)
            let lines = (0..<3000).map { index in
                #"{"type": "track", "anonymousId": "a\#(index % 50)", "event": "Viewed", "messageId": "big-\#(index)", "properties": {"note": "\#(padding)"}}"#
            }
            #expect(lines.joined(separator: "\n").utf8.count > 1024 * 1024)
            let response = try await Self.post(server, key: key, kind: "events", lines)
            let stored = try await server.pool.query("SELECT count(*) AS n FROM events WHERE tenant_id = $1", [tenant.id])

            #expect(response.json["accepted"] as? Int == 3000)
            #expect(try stored.first?.decode(Int.self, column: "n") == 3000)
        }
    }

    @Test func profilesOrdersAndItemsAreImported() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let profiles = try await Self.post(
                server, key: key, kind: "profiles",
                [#"{"userId": "crm-1", "traits": {"email": "crm1@example.com", "firstName": "Zoé"}}"#, #"{"traits": {}}"#])
            let orders = try await Self.post(
                server, key: key, kind: "orders",
                [CommerceFixtures.order("IMP-1").replacingOccurrences(of: "\n", with: " "), #"{"orderId": "IMP-2"}"#])
            let items = try await Self.post(
                server, key: key, kind: "items",
                [#"{"sku": "BAG-25", "name": "Sac 25", "categoryPath": ["bags"]}"#, #"{"name": "no sku"}"#])

            #expect(profiles.json["accepted"] as? Int == 1)
            #expect((profiles.json["errors"] as? [[String: Any]])?.first?["line"] as? Int == 2)
            #expect(orders.json["accepted"] as? Int == 1)
            #expect((orders.json["errors"] as? [[String: Any]])?.first?["line"] as? Int == 2)
            #expect(items.json["accepted"] as? Int == 1)
            #expect((items.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "/sku")
            let item = try await ItemCatalogue(pool: server.pool).find(tenantID: tenant.id, sku: "BAG-25")
            #expect(item.details.name == "Sac 25")
        }
    }

    @Test func anUnknownKindIsNotFoundAndAKeyWithoutEventsWriteIsForbidden() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            #expect(try await Self.post(server, key: key, kind: "wishes", ["{}"]).status == 404)
            #expect(try await Self.post(server, key: reader, kind: "events", ["{}"]).status == 403)
        }
    }
}
