import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Deterministic identity resolution through the API: chains of identifiers across
/// channels, limits and blocked values, unmerge, and merges under concurrency.
@Suite("Identity resolution")
struct IdentityResolutionTests {
    @Test func aChainFromCookieToContactCentreYieldsOneProfile() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            // Browsing anonymously, then logging in on the web.
            try await TrackingFixtures.send(server, key: key, "page", #"{"anonymousId": "cookie-1", "name": "Bags"}"#)
            try await TrackingFixtures.send(server, key: key, "identify", #"{"anonymousId": "cookie-1", "userId": "ann-42"}"#)
            // The e-mail arrives on the account page.
            try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "ann-42", "traits": {"email": " Ann@Example.com "}}"#)
            // In the boutique, the loyalty card alone first, then with the e-mail at checkout.
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"""
                {"anonymousId": "pos-77", "event": "Store Visit", "context": {"channel": "store",
                 "externalIds": [{"id": "LC-778812", "type": "loyalty_card", "collection": "users", "encoding": "none"}]}}
                """#)
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"""
                {"anonymousId": "pos-78", "event": "Order Completed", "context": {"channel": "store",
                 "externalIds": [{"id": "LC-778812", "type": "loyalty_card"}, {"id": "ann@example.com", "type": "email"}]}}
                """#)
            // The contact centre knows the card and notes the phone.
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"""
                {"anonymousId": "cc-call-9", "event": "Call Completed", "context": {"channel": "contact_centre",
                 "traits": {"phone": "06 12 34 56 78"}, "externalIds": [{"id": "LC-778812", "type": "loyalty_card"}]}}
                """#)

            let ids = [
                "anonymous_id:cookie-1", "user_id:ann-42", "email:ann@example.com", "loyalty_card:LC-778812",
                "phone:+33612345678", "anonymous_id:pos-77", "anonymous_id:cc-call-9",
            ]
            var found: Set<String> = []
            for identifier in ids {
                found.insert(try #require(try await TrackingFixtures.profileID(server, key: key, identifier), "\(identifier)"))
            }
            #expect(found.count == 1)
            let profileID = try #require(found.first)
            let profile = try #require(try await TrackingFixtures.profile(server, key: key, "phone:+33 6 12 34 56 78"))
            let channels = (profile["channels"] as? [[String: Any]])?.compactMap { $0["channel"] as? String }
            #expect(Set(channels ?? []).isSuperset(of: ["phone", "store", "web"]))
            #expect(try await TrackingFixtures.timeline(server, key: key, profileID: profileID).count == 6)

            let merges = try await server.send("GET", "/v1/profiles/\(profileID)/merges?purpose=analytics", key: key)
            let merge = try #require((merges.json["data"] as? [[String: Any]])?.first)
            #expect(merge["identifier"] as? String == "email:ann@example.com")
            #expect((merge["reason"] as? String)?.hasPrefix("track messageId=") == true)
            #expect(merge["survivorId"] as? String == profileID)
        }
    }

    @Test func aSecondEmailBreaksTheLimitSoNothingMergesAndTheRefusalIsRecorded() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "a", "traits": {"email": "a@example.com"}}"#)
            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "b", "traits": {"email": "b@example.com"}}"#)
            // A shared family computer: a's login with b's address.
            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "a", "traits": {"email": "b@example.com"}}"#)
            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "a", "traits": {"email": "c@example.com"}}"#)

            let a = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:a"))
            let b = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:b"))
            #expect(a != b)
            #expect(try await TrackingFixtures.profileID(server, key: key, "email:b@example.com") == b)
            #expect(try await TrackingFixtures.profileID(server, key: key, "email:c@example.com") == nil)

            let history = try await server.send("GET", "/v1/profiles/\(a)/merges?purpose=analytics", key: key)
            #expect((history.json["data"] as? [Any])?.isEmpty == true)
            let refusals = try #require(history.json["refusals"] as? [[String: Any]])
            #expect(Set(refusals.compactMap { $0["identifier"] as? String }) == ["email:b@example.com", "email:c@example.com"])
            #expect(refusals.allSatisfy { $0["rule"] as? String == "limit" })
            #expect(refusals.first { $0["identifier"] as? String == "email:b@example.com" }?["otherProfileId"] as? String == b)
        }
    }

    @Test func aBlockedSharedTabletNeverMergesItsCustomers() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let block = try await server.send(
                "POST", "/v1/identity/blocked", key: admin, json: #"{"type": "device_id", "value": "boutique-tablet-7"}"#)
            #expect(block.status == 201)
            for customer in ["c1", "c2"] {
                try await TrackingFixtures.send(
                    server, key: admin, "track",
                    #"{"userId": "\#(customer)", "event": "Lookbook Viewed", "context": {"device": {"id": "boutique-tablet-7"}}}"#)
            }
            let first = try #require(try await TrackingFixtures.profileID(server, key: admin, "user_id:c1"))
            let second = try #require(try await TrackingFixtures.profileID(server, key: admin, "user_id:c2"))
            #expect(first != second)
            #expect(try await TrackingFixtures.profileID(server, key: admin, "device_id:boutique-tablet-7") == nil)
            let history = try await server.send("GET", "/v1/profiles/\(first)/merges?purpose=analytics", key: admin)
            #expect((history.json["refusals"] as? [[String: Any]])?.first?["rule"] as? String == "blocked")

            let listed = try await server.send("GET", "/v1/identity/blocked", key: admin)
            #expect((listed.json["data"] as? [[String: Any]])?.first?["value"] as? String == "boutique-tablet-7")
            let unblocked = try await server.send(
                "DELETE", "/v1/identity/blocked?identifier=device_id:boutique-tablet-7", key: admin)
            #expect(unblocked.status == 204)
        }
    }

    @Test func unmergeRestoresBothProfilesWithTheirOwnEventsAndKeepsThemApart() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            try await TrackingFixtures.send(server, key: admin, "page", #"{"anonymousId": "cookie-x", "name": "Home"}"#)
            try await TrackingFixtures.send(server, key: admin, "page", #"{"anonymousId": "cookie-x", "name": "Bags"}"#)
            try await TrackingFixtures.send(server, key: admin, "track", #"{"userId": "user-x", "event": "Signed Up"}"#)
            try await TrackingFixtures.send(server, key: admin, "identify", #"{"userId": "user-x", "anonymousId": "cookie-x"}"#)

            let merged = try #require(try await TrackingFixtures.profileID(server, key: admin, "user_id:user-x"))
            #expect(try await TrackingFixtures.profileID(server, key: admin, "anonymous_id:cookie-x") == merged)
            #expect(try await TrackingFixtures.timeline(server, key: admin, profileID: merged).count == 4)
            let history = try await server.send("GET", "/v1/profiles/\(merged)/merges?purpose=analytics", key: admin)
            let mergeID = try #require((history.json["data"] as? [[String: Any]])?.first?["id"] as? String)

            let readOnly = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let refused = try await server.send(
                "POST", "/v1/profiles/\(merged)/unmerge", key: readOnly, json: #"{"mergeId": "\#(mergeID)"}"#)
            #expect(refused.status == 403)
            let undone = try await server.send(
                "POST", "/v1/profiles/\(merged)/unmerge", key: admin, json: #"{"mergeId": "\#(mergeID)"}"#)
            #expect(undone.status == 200, "\(undone.text)")
            #expect((undone.json["merge"] as? [String: Any])?["undoneAt"] is String)

            let cookie = try #require(try await TrackingFixtures.profileID(server, key: admin, "anonymous_id:cookie-x"))
            let user = try #require(try await TrackingFixtures.profileID(server, key: admin, "user_id:user-x"))
            #expect(cookie != user)
            let cookieEvents = try await TrackingFixtures.timeline(server, key: admin, profileID: cookie)
            let userEvents = try await TrackingFixtures.timeline(server, key: admin, profileID: user)
            #expect(Set(cookieEvents.compactMap { $0["event"] as? String }) == ["Home", "Bags"])
            #expect(Set(userEvents.compactMap { $0["type"] as? String }) == ["track", "identify"])

            let again = try await server.send(
                "POST", "/v1/profiles/\(merged)/unmerge", key: admin, json: #"{"mergeId": "\#(mergeID)"}"#)
            #expect(again.status == 409)

            try await TrackingFixtures.send(server, key: admin, "identify", #"{"userId": "user-x", "anonymousId": "cookie-x"}"#)
            #expect(try await TrackingFixtures.profileID(server, key: admin, "anonymous_id:cookie-x") == cookie)
            let refusals = try await server.send("GET", "/v1/profiles/\(user)/merges?purpose=analytics", key: admin)
            #expect((refusals.json["refusals"] as? [[String: Any]])?.first?["rule"] as? String == "unmerged")
        }
    }

    @Test func concurrentEventsLinkingAChainLeaveExactlyOneLiveProfile() async throws {
        try await APITestServer.with(poolSize: 8) { server in
            let (tenant, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let links = 20
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<links {
                    group.addTask {
                        try await TrackingFixtures.send(
                            server, key: key, "track",
                            #"""
                            {"anonymousId": "visit-\#(index)", "event": "Linked", "context": {"externalIds": [
                              {"id": "c-\#(index)", "type": "cookie"}, {"id": "c-\#(index + 1)", "type": "cookie"}]}}
                            """#)
                    }
                }
                try await group.waitForAll()
            }
            let live = try await server.pool.query(
                "SELECT count(*) AS live FROM profiles WHERE tenant_id = $1 AND canonical_id = profile_id", [tenant.id])
            #expect(try live.first?.decode(Int.self, column: "live") == 1)
            let dangling = try await server.pool.query(
                """
                SELECT count(*) AS dangling FROM profiles p JOIN profiles c
                    ON c.tenant_id = p.tenant_id AND c.profile_id = p.canonical_id
                WHERE p.tenant_id = $1 AND c.canonical_id <> c.profile_id
                """, [tenant.id])
            #expect(try dangling.first?.decode(Int.self, column: "dangling") == 0)
            let profile = try #require(try await TrackingFixtures.profile(server, key: key, "cookie:c-0"))
            #expect((profile["identifiers"] as? [Any])?.count == 2 * links + 1)
        }
    }

    @Test func lookupsNormaliseTheValueAsIngestionDoes() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            try await TrackingFixtures.send(
                server, key: key, "identify",
                #"{"userId": "n-1", "traits": {"email": "  Ann.Smith@Example.COM ", "phone": "+33 (0)6 12-34-56-78"}}"#)
            let id = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:n-1"))
            #expect(try await TrackingFixtures.profileID(server, key: key, "email:ANN.SMITH@example.com") == id)
            #expect(try await TrackingFixtures.profileID(server, key: key, "phone:06.12.34.56.78") == id)
            #expect(try await TrackingFixtures.profileID(server, key: key, "phone:0033612345678") == id)

            let bad = try await server.send("GET", "/v1/profiles?identifier=email:not-an-address&purpose=analytics", key: key)
            #expect(bad.status == 422)
            let missing = try await server.send("GET", "/v1/profiles?purpose=analytics", key: key)
            #expect(missing.status == 400)
            let unknown = try await server.send("GET", "/v1/profiles?identifier=email:nobody@example.com&purpose=analytics", key: key)
            #expect(unknown.status == 404)
        }
    }

    @Test func tenantRulesChangePriorityAndLimits() async throws {
        try await APITestServer.with { server in
            let (_, admin) = try await server.makeTenant(scopes: [.admin])
            let defaults = try await server.send("GET", "/v1/identity/rules", key: admin)
            let rules = try #require(defaults.json["rules"] as? [[String: Any]])
            #expect(rules.first?["type"] as? String == "user_id")
            #expect(defaults.json["defaultPhoneRegion"] as? String == "FR")

            let updated = try await server.send(
                "PUT", "/v1/identity/rules", key: admin,
                json: #"{"rules": [{"type": "email", "priority": 4, "maxPerProfile": 2}], "defaultPhoneRegion": "GB"}"#)
            #expect(updated.status == 200, "\(updated.text)")
            #expect(updated.json["defaultPhoneRegion"] as? String == "GB")
            try await TrackingFixtures.send(
                server, key: admin, "identify", #"{"userId": "r", "traits": {"email": "one@example.com", "phone": "07700 900123"}}"#)
            try await TrackingFixtures.send(server, key: admin, "identify", #"{"userId": "r", "traits": {"email": "two@example.com"}}"#)
            let id = try await TrackingFixtures.profileID(server, key: admin, "user_id:r")
            #expect(try await TrackingFixtures.profileID(server, key: admin, "email:two@example.com") == id)
            #expect(try await TrackingFixtures.profileID(server, key: admin, "phone:+447700900123") == id)

            let invalid = try await server.send(
                "PUT", "/v1/identity/rules", key: admin, json: #"{"rules": [{"type": "Bad Type", "priority": 1}]}"#)
            #expect(invalid.status == 422)
            #expect(invalid.json["field"] as? String == "/rules/0/type")
        }
    }
}
