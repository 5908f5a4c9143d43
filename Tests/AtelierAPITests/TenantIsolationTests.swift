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
        "GET /v1/consents/purposes", "PUT /v1/consents/purposes/{purpose}", "POST /v1/import/{kind}",
        "GET /v1/models", "GET /v1/models/{kind}/versions", "POST /v1/models/{kind}/train",
        "POST /v1/models/{kind}/versions/{version}/promote", "GET /v1/items/{sku}/related", "POST /v1/recommendations",
        "GET /v1/audit", "GET /v1/audit/verify", "GET /v1/retention/events", "PUT /v1/retention/events",
        "GET /v1/privacy/requests", "GET /v1/privacy/settings", "PUT /v1/privacy/settings",
        "GET /v1/offers/rules", "PUT /v1/offers/rules",
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
        "POST /v1/privacy/requests", "GET /v1/privacy/requests/{requestId}", "DELETE /v1/privacy/requests/{requestId}",
        "GET /v1/privacy/requests/{requestId}/export",
        "GET /v1/profiles/{profileId}/scores", "GET /v1/profiles/{profileId}/offer",
        "GET /v1/segments/{segmentId}", "PUT /v1/segments/{segmentId}", "DELETE /v1/segments/{segmentId}",
        "POST /v1/segments/{segmentId}/refresh", "GET /v1/segments/{segmentId}/members",
        "GET /v1/segments/{segmentId}/history", "GET /v1/profiles/{profileId}/segments", "POST /v1/audiences",
        "GET /v1/audiences/{audienceId}", "PUT /v1/audiences/{audienceId}", "DELETE /v1/audiences/{audienceId}",
        "GET /v1/audiences/{audienceId}/members", "GET /v1/audiences/{audienceId}/deliveries",
        "GET /v1/profiles/{profileId}/recommendations",
        "GET /v1/models/{kind}/versions/{version}/clusters", "POST /v1/models/{kind}/versions/{version}/clusters/{label}/segment",
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

    @Test func anotherTenantsModelsAreNeitherListedNorServedNorPromoted() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            try await ModelFixtures.load(SyntheticBaskets(seed: 3, customers: 10), server: server, key: keyOfB)
            try await ModelFixtures.train(server: server, key: keyOfB)

            let versionsOfA = try await server.send("GET", "/v1/models/association_rules/versions", key: keyOfA)
            let relatedOfA = try await server.send("GET", "/v1/items/BAG/related", key: keyOfA)
            let cartOfA = try await server.send("POST", "/v1/recommendations", key: keyOfA, json: #"{"skus": ["BAG"]}"#)
            let promote = try await server.send("POST", "/v1/models/association_rules/versions/1/promote", key: keyOfA)
            #expect((versionsOfA.json["data"] as? [Any])?.isEmpty == true)
            #expect(relatedOfA.json["strategy"] as? String == "none")
            #expect(cartOfA.json["strategy"] as? String == "none")
            #expect(promote.status == 404)
            let relatedOfB = try await server.send("GET", "/v1/items/BAG/related", key: keyOfB)
            #expect(relatedOfB.json["strategy"] as? String != "none")
        }
    }

    @Test func anotherTenantsRecommenderProfilesAndModelsAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let data = SyntheticShoppers(seed: 4, tastes: 2, shoppersPerTaste: 10)
            try await RecommenderFixtures.load(data, server: server, key: keyOfB)
            try await RecommenderFixtures.train(server: server, key: keyOfB)
            let profileOfB = try await RecommenderFixtures.personalize(data, shopper: 1, server: server, key: keyOfB)

            let ofB = try await server.send("GET", "/v1/profiles/\(profileOfB)/recommendations", key: keyOfB)
            let byA = try await server.send("GET", "/v1/profiles/\(profileOfB)/recommendations", key: keyOfA)
            let cartOfA = try await server.send("POST", "/v1/recommendations", key: keyOfA, json: #"{"skus": ["T0-0"]}"#)
            let versionsOfA = try await server.send("GET", "/v1/models/recommender/versions", key: keyOfA)
            #expect(ofB.json["reason"] as? String == "personal")
            #expect(byA.status == 200)
            #expect(byA.json["strategy"] as? String == "none", "A has no model and cannot see B's profile")
            #expect((byA.json["data"] as? [Any])?.isEmpty == true)
            #expect(cartOfA.json["recommenderModel"] is NSNull)
            #expect((versionsOfA.json["data"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func anotherTenantsClustersAreNeitherListedNorSavedNorUsedInRules() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let ofB = try await SegmentationFixtures.load(PlantedSegments(seed: 4, perGroup: 5), server: server, key: keyOfB)
            try await ScoreFixtures.train(.segmentation, server: server, key: keyOfB, body: #"{"maxClusters": 3}"#)

            let clusters = try await server.send("GET", "/v1/models/segmentation/versions/1/clusters", key: keyOfA)
            let save = try await server.send("POST", "/v1/models/segmentation/versions/1/clusters/0/segment", key: keyOfA)
            let preview = try await server.send(
                "POST", "/v1/segments/preview", key: keyOfA,
                json: #"{"rule": {"or": [{"cluster": {"version": 1, "label": 0}}, {"cluster": {"version": 1, "label": 1}}, {"cluster": {"version": 1, "label": 2}}]}, "exact": true}"#)
            #expect(clusters.status == 404)
            #expect(save.status == 404)
            #expect(preview.json["size"] as? Int == 0)
            let segmentsOfA = try await server.send("GET", "/v1/segments", key: keyOfA)
            #expect((segmentsOfA.json["data"] as? [Any])?.isEmpty == true)
            let clustersOfB = try await server.send("GET", "/v1/models/segmentation/versions/1/clusters", key: keyOfB)
            #expect((clustersOfB.json["data"] as? [[String: Any]])?.compactMap { $0["size"] as? Int }.reduce(0, +) == ofB.count)
        }
    }

    @Test func anotherTenantsPrivacyRequestsAndExportsAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant(scopes: [.privacyManage])
            let (_, keyOfB) = try await server.makeTenant(scopes: [.privacyManage])
            let ann = [("email", "ann@example.com", "raw")]
            let accessOfB = try await PrivacyFixtures.submit(server, key: keyOfB, PrivacyFixtures.request(type: "access", identities: ann))
            await PrivacyFixtures.drain(server)
            let erasureOfB = try await PrivacyFixtures.submit(server, key: keyOfB, PrivacyFixtures.request(identities: ann))

            let probes = [
                ("GET", "/v1/privacy/requests/\(erasureOfB)"), ("DELETE", "/v1/privacy/requests/\(erasureOfB)"),
                ("GET", "/v1/privacy/requests/\(accessOfB)/export"), ("HEAD", "/v1/privacy/requests/\(accessOfB)/export"),
            ]
            for (method, path) in probes {
                #expect(try await server.send(method, path, key: keyOfA).status == 404, "\(method) \(path)")
            }
            let sameID = try await server.send(
                "POST", "/v1/privacy/requests", key: keyOfA,
                json: PrivacyFixtures.request(id: try #require(UUID(uuidString: erasureOfB)), type: "restriction", identities: ann))
            _ = try await server.send("PUT", "/v1/privacy/settings", key: keyOfA, json: #"{"suppression_mode": "drop"}"#)
            let listOfA = try await server.send("GET", "/v1/privacy/requests", key: keyOfA)

            #expect(sameID.status == 201, "request ids are the controller's, unique per tenant")
            #expect((listOfA.json["data"] as? [Any])?.count == 1)
            let stillB = try await PrivacyFixtures.status(server, key: keyOfB, erasureOfB)
            #expect(stillB["request_status"] as? String == "pending")
            #expect(stillB["subject_request_type"] as? String == "erasure")
            #expect(try await server.send("GET", "/v1/privacy/requests/\(accessOfB)/export", key: keyOfB).status == 200)
            let settingsOfB = try await server.send("GET", "/v1/privacy/settings", key: keyOfB)
            #expect(settingsOfB.json["suppression_mode"] as? String == "refuse")
            let settingsOfA = try await server.send("GET", "/v1/privacy/settings", key: keyOfA)
            #expect(settingsOfA.json["callback_signing_key"] as? String != settingsOfB.json["callback_signing_key"] as? String)
        }
    }

    @Test func anotherTenantsScoresOffersAndOfferRulesAreOutOfReach() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let profileOfB = try await ConsentFixtures.profile(server, key: keyOfB, email: "s@example.com", userID: "s-b")
            try await ConsentFixtures.record(server, key: keyOfB, profileID: profileOfB, #"{"personalization": true}"#)
            _ = try await server.send("PUT", "/v1/offers/rules", key: keyOfA, json: #"{"maxDiscountPercent": 40}"#)

            let scoresOfB = try await server.send("GET", "/v1/profiles/\(profileOfB)/scores", key: keyOfB)
            let scoresByA = try await server.send("GET", "/v1/profiles/\(profileOfB)/scores", key: keyOfA)
            let offerOfB = try await server.send("GET", "/v1/profiles/\(profileOfB)/offer", key: keyOfB)
            let offerByA = try await server.send("GET", "/v1/profiles/\(profileOfB)/offer", key: keyOfA)
            let rulesOfB = try await server.send("GET", "/v1/offers/rules", key: keyOfB)
            #expect(scoresOfB.status == 200)
            #expect(scoresByA.status == 404)
            #expect(offerOfB.json["personalised"] as? Bool == true)
            #expect(offerByA.json["personalised"] as? Bool == false)
            #expect(rulesOfB.json["maxDiscountPercent"] as? Int == 15)
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

    @Test func auditLogsAndRetentionPoliciesStayWithinTheirTenant() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant(scopes: [.admin])
            let (tenantB, keyOfB) = try await server.makeTenant(scopes: [.admin])
            _ = try await server.send("POST", "/v1/keys", key: keyOfB, json: #"{"name": "b", "scopes": ["events:write"]}"#)
            let keyIDOfB = try await AuditFixtures.keyID(server, key: keyOfB)

            let entriesOfA = try await server.send("GET", "/v1/audit?limit=500", key: keyOfA)
            let byKeyOfB = try await AuditFixtures.entries(server, key: keyOfA, query: "actor=\(keyIDOfB)")
            let verdictOfA = try await AuditFixtures.verify(server, key: keyOfA)
            let policyOfA = try await server.send(
                "PUT", "/v1/retention/events", key: keyOfA, json: #"{"months": 1, "mode": "delete"}"#)

            #expect((entriesOfA.json["data"] as? [Any])?.count == 2)
            #expect(!entriesOfA.text.contains(tenantB.id.uuidString.lowercased()))
            #expect(!entriesOfA.text.contains(keyIDOfB))
            #expect(byKeyOfB.isEmpty)
            #expect(verdictOfA["entriesChecked"] as? Int == 2)
            #expect(policyOfA.status == 200)
            #expect(try await server.send("GET", "/v1/retention/events", key: keyOfB).json["months"] is NSNull)
            #expect(try await AuditFixtures.entries(server, key: keyOfB).count == 3)
        }
    }
}
