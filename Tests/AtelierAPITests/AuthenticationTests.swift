import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

@Suite("Authentication and scopes")
struct AuthenticationTests {
    @Test func aRequestWithoutCredentialsIsUnauthorized() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/v1/tenant")
            #expect(response.status == 401)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/unauthorized")
        }
    }

    @Test(arguments: ["Bearer", "Bearer atl_nothex_x", "Token abc", "Bearer atl_0123456789abcdef_" + String(repeating: "A", count: 43)])
    func aMalformedOrUnknownKeyIsUnauthorized(header: String) async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/v1/tenant", headers: [("Authorization", header)])
            #expect(response.status == 401)
        }
    }

    @Test func aValidBearerKeyReadsItsOwnTenant() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let response = try await server.send("GET", "/v1/tenant", key: key)
            #expect(response.status == 200)
            #expect(response.json["id"] as? String == tenant.id.uuidString.lowercased())
            #expect(response.json["slug"] as? String == tenant.slug)
        }
    }

    @Test func basicAuthWithTheKeyAsUserNameIsAccepted() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let credentials = Data("\(key):".utf8).base64EncodedString()
            let response = try await server.send("GET", "/v1/tenant", headers: [("Authorization", "Basic \(credentials)")])
            #expect(response.status == 200)
            #expect(response.json["id"] as? String == tenant.id.uuidString.lowercased())
        }
    }

    @Test func aKeyWithoutTheNeededScopeIsForbiddenAndTheProblemNamesTheScope() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let response = try await server.send("GET", "/v1/keys", key: key)
            #expect(response.status == 403)
            #expect((response.json["detail"] as? String)?.contains("admin") == true)
        }
    }

    @Test func aRevokedKeyStopsWorkingAtOnce() async throws {
        try await APITestServer.with { server in
            let (tenant, adminKey) = try await server.makeTenant()
            let victim = try await APIKeyService(pool: server.pool).create(
                tenantID: tenant.id, name: "victim", scopes: [.profilesRead])
            #expect(try await server.send("GET", "/v1/tenant", key: victim.secret).status == 200)

            let revoke = try await server.send("DELETE", "/v1/keys/\(victim.key.id)", key: adminKey)
            #expect(revoke.status == 200)
            #expect(revoke.json["revokedAt"] as? String != nil)

            let after = try await server.send("GET", "/v1/tenant", key: victim.secret)
            #expect(after.status == 401)
            #expect((after.json["detail"] as? String)?.contains("revoked") == true)
        }
    }

    @Test func anExpiredKeyIsUnauthorized() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant()
            let created = try await APIKeyService(pool: server.pool).create(
                tenantID: tenant.id, name: "short", scopes: [.admin], expiresAt: Date().addingTimeInterval(3600))
            try await server.pool.execute(
                "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_id = $1", [created.key.id])
            let response = try await server.send("GET", "/v1/tenant", key: created.secret)
            #expect(response.status == 401)
            #expect((response.json["detail"] as? String)?.contains("expired") == true)
        }
    }

    @Test func onlyTheHashOfAKeyIsStored() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let rows = try await server.pool.query(
                "SELECT row_to_json(api_keys)::text AS row FROM api_keys WHERE tenant_id = $1", [tenant.id])
            let stored = try #require(rows.first).decode(String.self, column: "row")
            let secretPart = String(key.split(separator: "_").last ?? "")
            #expect(!stored.contains(secretPart))
            #expect(!stored.contains(key))
        }
    }

    @Test func aCreatedKeyIsShownOnceAndWorks() async throws {
        try await APITestServer.with { server in
            let (_, adminKey) = try await server.makeTenant()
            let created = try await server.send(
                "POST", "/v1/keys", key: adminKey, json: #"{"name":"web tag","scopes":["events:write"]}"#)
            #expect(created.status == 201)
            let secret = try #require(created.json["secret"] as? String)
            let keyID = try #require(created.json["id"] as? String)
            #expect(try await server.send("GET", "/v1/tenant", key: secret).status == 200)

            let listed = try await server.send("GET", "/v1/keys/\(keyID)", key: adminKey)
            #expect(listed.status == 200)
            #expect(listed.json["secret"] == nil)
            #expect(!listed.text.contains(secret))
        }
    }
}
