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
        "POST /v1/keys", "GET /v1/jobs", "GET /v1/items",
        "POST /v1/track", "POST /v1/identify", "POST /v1/page", "POST /v1/screen", "POST /v1/group",
        "POST /v1/alias", "POST /v1/batch", "GET /v1/profiles", "GET /v1/identity/rules", "PUT /v1/identity/rules",
        "GET /v1/identity/blocked", "POST /v1/identity/blocked", "DELETE /v1/identity/blocked",
        "GET /v1/consents/purposes", "PUT /v1/consents/purposes/{purpose}",
        "GET /v1/segments", "POST /v1/segments", "POST /v1/segments/preview", "GET /v1/audiences",
    ]
    /// Routes taking another tenant's id in the path (or, for orders and returns, the body), probed below.
    static let routesWithForeignIDs: Set<String> = [
        "GET /v1/keys/{keyId}", "DELETE /v1/keys/{keyId}", "GET /v1/jobs/{jobId}",
        "POST /v1/orders", "POST /v1/returns", "GET /v1/items/{sku}", "PUT /v1/items/{sku}",
        "GET /v1/profiles/{profileId}", "GET /v1/profiles/{profileId}/events", "GET /v1/profiles/{profileId}/merges",
        "POST /v1/profiles/{profileId}/unmerge", "GET /v1/profiles/{profileId}/consents",
        "PUT /v1/profiles/{profileId}/consents", "GET /v1/profiles/{profileId}/consents/history",
        "GET /v1/segments/{segmentId}", "PUT /v1/segments/{segmentId}", "DELETE /v1/segments/{segmentId}",
        "POST /v1/segments/{segmentId}/refresh", "GET /v1/segments/{segmentId}/members",
        "GET /v1/segments/{segmentId}/history", "GET /v1/profiles/{profileId}/segments", "POST /v1/audiences",
        "GET /v1/audiences/{audienceId}", "PUT /v1/audiences/{audienceId}", "DELETE /v1/audiences/{audienceId}",
        "GET /v1/audiences/{audienceId}/members", "GET /v1/audiences/{audienceId}/deliveries",
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

    @Test func anotherTenantsOrdersAndItemsAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (tenantA, keyOfA) = try await server.makeTenant(scopes: [.eventsWrite])
            let (tenantB, keyOfB) = try await server.makeTenant(scopes: [.eventsWrite])
            let orderOfB = try await CommerceFixtures.profile(
                ofOrder: CommerceFixtures.order("B-1"), server: server, key: keyOfB)
            _ = try await server.send("PUT", "/v1/items/B-SKU", key: keyOfB, json: #"{"name": "of B"}"#)

            let returnOfA = try await server.send(
                "POST", "/v1/returns", key: keyOfA, json: CommerceFixtures.return("R-A", orderID: "B-1"))
            let itemOfB = try await server.send("GET", "/v1/items/B-SKU", key: keyOfA)
            let itemsOfA = try await server.send("GET", "/v1/items", key: keyOfA)
            let sameOrderID = try await server.send("POST", "/v1/orders", key: keyOfA, json: CommerceFixtures.order("B-1"))
            let sameSKU = try await server.send("PUT", "/v1/items/B-SKU", key: keyOfA, json: #"{"name": "of A"}"#)

            #expect(returnOfA.status == 404)
            #expect(itemOfB.status == 404)
            #expect((itemsOfA.json["data"] as? [Any])?.isEmpty == true)
            #expect(sameOrderID.status == 201, "order ids are unique per tenant, not across tenants")
            #expect(sameOrderID.json["profileId"] as? String != orderOfB.uuidString.lowercased())
            #expect(sameSKU.status == 201)
            let stillB = try await server.send("GET", "/v1/items/B-SKU", key: keyOfB)
            #expect(stillB.json["name"] as? String == "of B")
            let summaryOfB = try await CommerceFixtures.summary(server, tenant: tenantB, profiles: [orderOfB])
            #expect(summaryOfB.orders == 1)
            #expect(summaryOfB.returnsRate == 0)
            let crossRead = try await CommerceFixtures.summary(server, tenant: tenantA, profiles: [orderOfB])
            #expect(crossRead == .empty)
        }
    }

    @Test func anotherTenantsProfilesAndIdentitiesAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant(scopes: [.admin])
            let (_, keyOfB) = try await server.makeTenant(scopes: [.admin])
            try await TrackingFixtures.send(server, key: keyOfB, "page", #"{"anonymousId": "b-cookie", "name": "Home"}"#)
            try await TrackingFixtures.send(server, key: keyOfB, "track", #"{"userId": "b-user", "event": "Signed Up"}"#)
            try await TrackingFixtures.send(
                server, key: keyOfB, "identify", #"{"userId": "b-user", "anonymousId": "b-cookie", "traits": {"email": "b@example.com"}}"#)
            let profileOfB = try #require(try await TrackingFixtures.profileID(server, key: keyOfB, "user_id:b-user"))
            let history = try await server.send("GET", "/v1/profiles/\(profileOfB)/merges?purpose=analytics", key: keyOfB)
            let mergeOfB = try #require((history.json["data"] as? [[String: Any]])?.first?["id"] as? String)

            let probes = [
                ("GET", "/v1/profiles/\(profileOfB)?purpose=analytics"), ("GET", "/v1/profiles/\(profileOfB)/events?purpose=analytics"),
                ("GET", "/v1/profiles/\(profileOfB)/merges?purpose=analytics"), ("GET", "/v1/profiles?identifier=email:b@example.com&purpose=analytics"),
            ]
            for (method, path) in probes {
                #expect(try await server.send(method, path, key: keyOfA).status == 404, "\(method) \(path)")
            }
            let unmerge = try await server.send(
                "POST", "/v1/profiles/\(profileOfB)/unmerge", key: keyOfA, json: #"{"mergeId": "\#(mergeOfB)"}"#)
            #expect(unmerge.status == 404)

            // The same identifiers in tenant A make a profile of A's own, never B's.
            try await TrackingFixtures.send(server, key: keyOfA, "identify", #"{"userId": "b-user", "traits": {"email": "b@example.com"}}"#)
            let profileOfA = try #require(try await TrackingFixtures.profileID(server, key: keyOfA, "user_id:b-user"))
            #expect(profileOfA != profileOfB)
            #expect(try await TrackingFixtures.timeline(server, key: keyOfA, profileID: profileOfA).count == 1)
            let rulesOfA = try await server.send(
                "PUT", "/v1/identity/rules", key: keyOfA, json: #"{"rules": [{"type": "email", "priority": 4, "maxPerProfile": 3}]}"#)
            #expect(rulesOfA.status == 200)
            _ = try await server.send("POST", "/v1/identity/blocked", key: keyOfA, json: #"{"type": "user_id", "value": "b-user"}"#)
            let rulesOfB = try await server.send("GET", "/v1/identity/rules", key: keyOfB)
            let emailOfB = (rulesOfB.json["rules"] as? [[String: Any]])?.first { $0["type"] as? String == "email" }
            #expect(emailOfB?["maxPerProfile"] as? Int == 1)
            let blockedOfB = try await server.send("GET", "/v1/identity/blocked", key: keyOfB)
            #expect((blockedOfB.json["data"] as? [Any])?.isEmpty == true)
            let unmergeOfB = try await server.send(
                "POST", "/v1/profiles/\(profileOfB)/unmerge", key: keyOfB, json: #"{"mergeId": "\#(mergeOfB)"}"#)
            #expect(unmergeOfB.status == 200)
        }
    }

    @Test func anotherTenantsConsentsAndPurposesAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let profileOfB = try await ConsentFixtures.profile(server, key: keyOfB, email: "b@example.com", userID: "b")
            try await ConsentFixtures.record(server, key: keyOfB, profileID: profileOfB, #"{"marketing_email": true}"#)
            _ = try await server.send(
                "PUT", "/v1/consents/purposes/loyalty", key: keyOfB, json: #"{"lawfulBasis": "consent"}"#)

            let probes = [
                ("GET", "/v1/profiles/\(profileOfB)/consents", nil),
                ("GET", "/v1/profiles/\(profileOfB)/consents/history", nil),
                ("PUT", "/v1/profiles/\(profileOfB)/consents", #"{"source": "api", "purposes": {"marketing_email": false}}"#),
            ]
            for (method, path, body) in probes {
                #expect(try await server.send(method, path, key: keyOfA, json: body).status == 404, "\(method) \(path)")
            }
            let purposesOfA = try await server.send("GET", "/v1/consents/purposes", key: keyOfA)
            let namesOfA = (purposesOfA.json["data"] as? [[String: Any]] ?? []).compactMap { $0["purpose"] as? String }
            #expect(!namesOfA.contains("loyalty"))
            _ = try await server.send("PUT", "/v1/consents/purposes/marketing_email", key: keyOfA, json: #"{"lawfulBasis": "legitimate_interest"}"#)
            #expect(try await ConsentFixtures.permitted(server, key: keyOfB, profileID: profileOfB)["marketing_email"] == true)
            let basisOfB = try await server.send("GET", "/v1/consents/purposes", key: keyOfB)
            let emailOfB = (basisOfB.json["data"] as? [[String: Any]] ?? []).first { $0["purpose"] as? String == "marketing_email" }
            #expect(emailOfB?["lawfulBasis"] as? String == "consent")
        }
    }

    @Test func anotherTenantsSegmentsAndAudiencesAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (tenantA, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let peopleOfB = try await AudienceFixtures.people(server, key: keyOfB, 0..<100)
            let (segmentOfB, audienceOfB) = try await AudienceFixtures.goldAudience(server, key: keyOfB)
            let profileOfB = peopleOfB[0]!.uuidString
            let segmentBody = #"{"name": "taken", "rule": {"purchase": {}}}"#
            let audienceBody = #"{"name": "taken", "segmentId": "\#(segmentOfB)", "partner": "P"}"#
            // A partner key of A naming B's audience still reads only A's tenant.
            let partnerOfA = try await APIKeyService(pool: server.pool).create(
                tenantID: tenantA.id, name: "agency", scopes: [.audiencesRead], audienceIDs: [try #require(UUID(uuidString: audienceOfB))])

            let probes: [(String, String, String?)] = [
                ("GET", "/v1/segments/\(segmentOfB)", nil), ("PUT", "/v1/segments/\(segmentOfB)", segmentBody),
                ("DELETE", "/v1/segments/\(segmentOfB)", nil), ("POST", "/v1/segments/\(segmentOfB)/refresh", nil),
                ("GET", "/v1/segments/\(segmentOfB)/members", nil), ("GET", "/v1/segments/\(segmentOfB)/history", nil),
                ("GET", "/v1/profiles/\(profileOfB)/segments?purpose=analytics", nil),
                ("GET", "/v1/audiences/\(audienceOfB)", nil), ("PUT", "/v1/audiences/\(audienceOfB)", audienceBody),
                ("DELETE", "/v1/audiences/\(audienceOfB)", nil), ("GET", "/v1/audiences/\(audienceOfB)/members", nil),
                ("GET", "/v1/audiences/\(audienceOfB)/deliveries", nil),
            ]
            for (method, path, body) in probes {
                #expect(try await server.send(method, path, key: keyOfA, json: body).status == 404, "\(method) \(path)")
            }
            let audienceOnB = try await server.send("POST", "/v1/audiences", key: keyOfA, json: audienceBody)
            let partnerPull = try await server.send("GET", "/v1/audiences/\(audienceOfB)/members", key: partnerOfA.secret)
            let preview = try await server.send(
                "POST", "/v1/segments/preview", key: keyOfA, json: #"{"rule": {"trait": {"key": "tier", "eq": "gold"}}, "exact": true}"#)
            let listsOfA = [
                try await server.send("GET", "/v1/segments", key: keyOfA), try await server.send("GET", "/v1/audiences", key: keyOfA),
            ]

            #expect(audienceOnB.status == 422)
            #expect(audienceOnB.json["field"] as? String == "/segmentId")
            #expect(partnerPull.status == 404)
            #expect(preview.json["size"] as? Int == 0)
            #expect(listsOfA.allSatisfy { ($0.json["data"] as? [Any])?.isEmpty == true })
            let stillB = try await server.send("GET", "/v1/segments/\(segmentOfB)", key: keyOfB)
            #expect(stillB.json["memberCount"] as? Int == 100)
            #expect(try await server.send("GET", "/v1/audiences/\(audienceOfB)/members", key: keyOfB).status == 200)
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
