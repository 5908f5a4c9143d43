import AtelierAPI
import AtelierDomain
import Foundation
import Testing

/// A key of tenant A must not read or change anything of tenant B, through any route.
/// `everyRouteIsCovered` fails when a route is added without a case here.
@Suite("Tenant isolation")
struct TenantIsolationTests {
    /// Routes that hold no tenant data (no credentials needed) or only the caller's own.
    static let routesWithoutForeignIDs: Set<String> = [
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /openapi.yaml", "GET /v1/tenant", "GET /v1/keys",
        "POST /v1/keys", "GET /v1/jobs",
    ]
    /// Routes taking another tenant's id in the path, probed below.
    static let routesWithForeignIDs: Set<String> = [
        "GET /v1/keys/{keyId}", "DELETE /v1/keys/{keyId}", "GET /v1/jobs/{jobId}",
    ]

    @Test func everyRouteIsCovered() async throws {
        try await APITestServer.with { server in
            let registered = Set(
                APIApplication.makeRouter(dependencies: server.dependencies).routes.map { "\($0.method) \($0.path)" })
            #expect(registered == Self.routesWithoutForeignIDs.union(Self.routesWithForeignIDs))
        }
    }

    @Test func anotherTenantsIdsAnswerNotFoundAndChangeNothing() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (tenantB, _) = try await server.makeTenant()
            let keyOfB = try await APIKeyService(pool: server.pool).create(
                tenantID: tenantB.id, name: "b", scopes: [.profilesRead])
            let jobOfB = try await JobQueue(pool: server.pool).enqueue(kind: "test:noop", tenantID: tenantB.id)

            let probes = [
                ("GET", "/v1/keys/\(keyOfB.key.id)"), ("DELETE", "/v1/keys/\(keyOfB.key.id)"),
                ("GET", "/v1/jobs/\(jobOfB.id)"),
            ]
            for (method, path) in probes {
                let response = try await server.send(method, path, key: keyOfA)
                #expect(response.status == 404, "\(method) \(path)")
            }
            #expect(try await server.send("GET", "/v1/tenant", key: keyOfB.secret).status == 200)
        }
    }

    @Test func listsShowOnlyTheCallersTenant() async throws {
        try await APITestServer.with { server in
            let (tenantA, keyOfA) = try await server.makeTenant()
            let (tenantB, _) = try await server.makeTenant()
            try await JobQueue(pool: server.pool).enqueue(kind: "test:noop", tenantID: tenantB.id)

            let keys = try await server.send("GET", "/v1/keys", key: keyOfA)
            let jobs = try await server.send("GET", "/v1/jobs", key: keyOfA)
            let tenant = try await server.send("GET", "/v1/tenant", key: keyOfA)

            let keyList = try #require(keys.json["data"] as? [[String: Any]])
            #expect(keyList.count == 1)
            #expect((jobs.json["data"] as? [Any])?.isEmpty == true)
            #expect(tenant.json["id"] as? String == tenantA.id.uuidString.lowercased())
            #expect(!keys.text.contains(tenantB.id.uuidString.lowercased()))
        }
    }

    @Test func aKeyCreatedByTenantABelongsToTenantA() async throws {
        try await APITestServer.with { server in
            let (tenantA, keyOfA) = try await server.makeTenant()
            let created = try await server.send(
                "POST", "/v1/keys", key: keyOfA, json: #"{"name":"n","scopes":["profiles:read"]}"#)
            let secret = try #require(created.json["secret"] as? String)
            let tenant = try await server.send("GET", "/v1/tenant", key: secret)
            #expect(tenant.json["id"] as? String == tenantA.id.uuidString.lowercased())
        }
    }
}
