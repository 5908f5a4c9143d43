import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// The audit log through the API: admin actions appended with their actor, refusals that
/// matter recorded, no personal data in entries, filters and pages, and scope checks.
@Suite("Audit log")
struct AuditLogTests {
    @Test func aNewTenantsChainStartsWithItsCreationAndItsFirstKey() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])

            let entries = try await AuditFixtures.entries(server, key: admin)

            #expect(entries.map { $0["action"] as? String } == ["key.created", "tenant.created"])
            #expect(entries.map { $0["sequence"] as? Int } == [2, 1])
            let creation = try #require(entries.last)
            #expect(creation["target"] as? [String: String] == ["type": "tenant", "id": tenant.id.uuidString.lowercased()])
            #expect((creation["actor"] as? [String: Any])?["type"] as? String == "system")
            #expect(creation["previousHash"] as? String == String(repeating: "0", count: 64))
            #expect(entries.first?["previousHash"] as? String == creation["hash"] as? String)
        }
    }

    @Test func keyCreationAndRevocationAreRecordedWithTheCallingKey() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let adminID = try await AuditFixtures.keyID(server, key: admin)

            let created = try await server.send(
                "POST", "/v1/keys", key: admin, json: #"{"name": "Ann's tablet", "scopes": ["events:write"]}"#)
            let keyID = try #require(created.json["id"] as? String)
            _ = try await server.send("DELETE", "/v1/keys/\(keyID)", key: admin)
            _ = try await server.send("DELETE", "/v1/keys/\(keyID)", key: admin)

            let entries = try await AuditFixtures.entries(server, key: admin, query: "actor=\(adminID)")
            #expect(entries.map { $0["action"] as? String } == ["key.revoked", "key.revoked", "key.created"])
            #expect(entries.allSatisfy { ($0["actor"] as? [String: String]) == ["type": "api_key", "id": adminID] })
            #expect(entries.allSatisfy { ($0["target"] as? [String: String]) == ["type": "api_key", "id": keyID] })
            #expect(entries.allSatisfy { $0["outcome"] as? String == "success" })
            #expect((entries[2]["detail"] as? [String: Any])?["scopes"] as? [String] == ["events:write"])
            #expect((entries[1]["detail"] as? [String: Any])?["alreadyRevoked"] as? Bool == false)
            #expect((entries[0]["detail"] as? [String: Any])?["alreadyRevoked"] as? Bool == true)
            let text = try await server.send("GET", "/v1/audit", key: admin).text
            #expect(!text.contains("Ann"), "a key's name is free text a person typed; it stays out of the log")
        }
    }

    @Test func aKeyWithoutTheScopeIsRefusedAndTheAttemptIsRecorded() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let readerID = try await AuditFixtures.keyID(server, key: reader)

            let attempt = try await server.send("POST", "/v1/keys", key: reader, json: #"{"name": "x", "scopes": ["admin"]}"#)

            #expect(attempt.status == 403)
            let refused = try #require(try await AuditFixtures.entries(server, key: admin, query: "actor=\(readerID)").first)
            #expect(refused["action"] as? String == "key.created")
            #expect(refused["outcome"] as? String == "refused")
            #expect(refused["reason"] as? String == "forbidden")
            #expect(refused["target"] is NSNull)
            #expect((refused["detail"] as? [String: Any])?["requiredScope"] as? String == "admin")
            let keys = try await server.send("GET", "/v1/keys", key: admin)
            #expect((keys.json["data"] as? [Any])?.count == 2, "nothing was created")
        }
    }

    @Test func revokingAnUnknownOrForeignKeyIsRecordedAsRefusedNotFound() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let (tenantB, _) = try await server.makeTenant(scopes: [.admin])
            let keyOfB = try await APIKeyService(pool: server.pool).create(tenantID: tenantB.id, name: "b", scopes: [.admin])

            let attempt = try await server.send("DELETE", "/v1/keys/\(keyOfB.key.id)", key: admin)

            #expect(attempt.status == 404)
            let refused = try #require(try await AuditFixtures.entries(server, key: admin, query: "action=key.revoked").first)
            #expect(refused["outcome"] as? String == "refused")
            #expect(refused["reason"] as? String == "not_found")
            #expect((refused["target"] as? [String: String])?["id"] == keyOfB.key.id.uuidString.lowercased())
        }
    }

    @Test func identitySettingsAndBlockedValuesAreRecordedWithoutTheValues() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])

            let rules = try await server.send(
                "PUT", "/v1/identity/rules", key: admin,
                json: #"{"rules": [{"type": "email", "priority": 4, "maxPerProfile": 2}], "defaultPhoneRegion": "GB"}"#)
            let blocked = try await server.send(
                "POST", "/v1/identity/blocked", key: admin, json: #"{"type": "email", "value": "Ann.Test@Example.com"}"#)
            let unblocked = try await server.send(
                "DELETE", "/v1/identity/blocked?identifier=email:ann.test@example.com", key: admin)

            #expect([rules.status, blocked.status, unblocked.status] == [200, 201, 204] as [Int])
            let entries = try await AuditFixtures.entries(server, key: admin)
            #expect(
                entries.prefix(3).map { $0["action"] as? String }
                    == ["identifier.unblocked", "identifier.blocked", "identity.rules.changed"])
            #expect((entries[1]["detail"] as? [String: Any])?["identifierType"] as? String == "email")
            let change = try #require(entries[2]["detail"] as? [String: Any])
            #expect(change["defaultPhoneRegion"] as? String == "GB")
            #expect((change["rules"] as? [[String: Any]])?.first?["maxPerProfile"] as? Int == 2)
            let stored = try await server.pool.query("SELECT string_agg(audit_log::text, ' ') AS everything FROM audit_log", [])
            let everything = try #require(try stored.first?.decode(String?.self, column: "everything"))
            #expect(!everything.lowercased().contains("ann.test"))
        }
    }

    @Test func anUnmergeIsRecordedAgainstTheProfilesPseudonymAndItsRepeatAsAConflict() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            try await TrackingFixtures.send(server, key: admin, "page", #"{"anonymousId": "cookie-a", "name": "Home"}"#)
            try await TrackingFixtures.send(server, key: admin, "track", #"{"userId": "user-a", "event": "Signed Up"}"#)
            try await TrackingFixtures.send(
                server, key: admin, "identify", #"{"userId": "user-a", "anonymousId": "cookie-a", "traits": {"email": "a@example.com"}}"#)
            let profileID = try #require(try await TrackingFixtures.profileID(server, key: admin, "user_id:user-a"))
            let history = try await server.send("GET", "/v1/profiles/\(profileID)/merges?purpose=analytics", key: admin)
            let mergeID = try #require((history.json["data"] as? [[String: Any]])?.first?["id"] as? String)

            let first = try await server.send(
                "POST", "/v1/profiles/\(profileID)/unmerge", key: admin, json: #"{"mergeId": "\#(mergeID)"}"#)
            let second = try await server.send(
                "POST", "/v1/profiles/\(profileID)/unmerge", key: admin, json: #"{"mergeId": "\#(mergeID)"}"#)

            #expect([first.status, second.status] == [200, 409] as [Int])
            let entries = try await AuditFixtures.entries(server, key: admin, query: "action=profile.unmerged")
            #expect(entries.map { $0["outcome"] as? String } == ["refused", "success"])
            #expect(entries.map { $0["reason"] as? String } == ["conflict", nil])
            let profileUUID = try #require(UUID(uuidString: profileID))
            let pseudonym = try #require(try await AuditLog(pool: server.pool).pseudonym(of: profileUUID, tenantID: tenant.id))
            #expect(
                entries.allSatisfy {
                    ($0["target"] as? [String: String]) == ["type": "profile", "id": pseudonym.uuidString.lowercased()]
                })
            #expect(!entries.contains { ($0["target"] as? [String: String])?["id"] == profileID }, "never the profile id")
            let detail = try #require(entries[1]["detail"] as? [String: Any])
            #expect(detail["mergeId"] as? String == mergeID)
            #expect((detail["restoredProfileIds"] as? [String])?.count == 1)
            #expect(!(try await server.send("GET", "/v1/audit", key: admin).text.contains("a@example.com")))
        }
    }

    @Test func filtersSelectByActionActorAndTimeAndCursorsPageThroughTheRest() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let rules = IdentityRuleStore(pool: server.pool)
            for index in 0..<5 {
                _ = try await rules.replaceRules(
                    tenantID: tenant.id, with: [IdentityRule(type: "email", priority: 10 + index, maxPerProfile: 1)],
                    by: .cli)
            }
            let now = try await server.pool.query("SELECT now() AS at", []).first?.decode(Date.self, column: "at")
            let afterChanges = try #require(now).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))

            let firstPage = try await server.send("GET", "/v1/audit?action=identity.rules.changed&limit=2", key: admin)
            let firstEntries = try #require(firstPage.json["data"] as? [[String: Any]])
            let cursor = try #require(firstPage.json["nextCursor"] as? String)
            let rest = try await AuditFixtures.entries(
                server, key: admin, query: "action=identity.rules.changed&limit=10&cursor=\(cursor)")
            let byCLI = try await AuditFixtures.entries(server, key: admin, query: "actor=cli")
            let bySystem = try await AuditFixtures.entries(server, key: admin, query: "actor=system")
            let later = try await AuditFixtures.entries(server, key: admin, query: "since=\(afterChanges)")
            let earlier = try await AuditFixtures.entries(server, key: admin, query: "until=\(afterChanges)")

            #expect(firstEntries.map { $0["sequence"] as? Int } == [7, 6])
            #expect(rest.map { $0["sequence"] as? Int } == [5, 4, 3])
            #expect(byCLI.count == 5)
            #expect(bySystem.map { $0["action"] as? String } == ["key.created", "tenant.created"])
            #expect(later.isEmpty)
            #expect(earlier.count == 7)
            let lastPage = try await server.send("GET", "/v1/audit?action=identity.rules.changed&cursor=3", key: admin)
            #expect(lastPage.json["nextCursor"] is NSNull)
        }
    }

    @Test func badFiltersAreClearErrors() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            for query in [
                "action=Key%20Created", "action=key", "actor=somebody", "actor=%27%3B%20DROP%20TABLE%20audit_log%3B--",
                "cursor=abc", "cursor=-4", "since=yesterday", "until=2026-13-01", "limit=0", "limit=501",
            ] {
                let response = try await server.send("GET", "/v1/audit?\(query)", key: admin)
                #expect(response.status == 400, "\(query)")
                #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true, "\(query)")
            }
            #expect(try await AuditFixtures.entries(server, key: admin).count == 2)
        }
    }

    @Test func readingTheLogNeedsPrivacyManageOrAdmin() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant(scopes: [.admin])
            let tracker = try await server.issueKey(tenant: tenant, scopes: [.eventsWrite, .profilesRead])
            let officer = try await server.issueKey(tenant: tenant, scopes: [.privacyManage])

            #expect(try await server.send("GET", "/v1/audit", key: tracker).status == 403)
            #expect(try await server.send("GET", "/v1/audit/verify", key: tracker).status == 403)
            #expect(try await server.send("GET", "/v1/audit", key: officer).status == 200)
            #expect(try await server.send("GET", "/v1/audit/verify", key: officer).status == 200)
            #expect(try await server.send("GET", "/v1/audit").status == 401)
        }
    }
}
