import AtelierAPI
import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Reads of personal data see only profiles whose consent permits the read's purpose, and a
/// change of mind counts from the next read. These tests try to leak.
@Suite("Consent enforcement")
struct ConsentEnforcementTests {
    /// The GET routes that read a profile's personal data, each with the purpose it declares.
    /// `everyPersonalReadRouteIsProbed` fails when a profile route is added without a probe here.
    static let personalReadRoutes: Set<String> = [
        "GET /v1/profiles", "GET /v1/profiles/{profileId}", "GET /v1/profiles/{profileId}/events",
        "GET /v1/profiles/{profileId}/merges", "GET /v1/profiles/{profileId}/scores",
        "GET /v1/profiles/{profileId}/offer", "GET /v1/profiles/{profileId}/segments",
        "GET /v1/profiles/{profileId}/recommendations",
    ]
    /// Profile routes that are not reads for a purpose: the consent ledger itself (the legal
    /// record of choices is kept and shown whatever they are) and writes.
    static let otherProfileRoutes: Set<String> = [
        "GET /v1/profiles/{profileId}/consents", "PUT /v1/profiles/{profileId}/consents",
        "GET /v1/profiles/{profileId}/consents/history", "POST /v1/profiles/{profileId}/unmerge",
    ]

    @Test func everyPersonalReadRouteIsProbed() async throws {
        try await APITestServer.with { server in
            let profileRoutes = Set(
                APIApplication.makeRouter(dependencies: server.dependencies).routes
                    .map { "\($0.method) \($0.path)" }.filter { $0.contains("/v1/profiles") })
            #expect(profileRoutes == Self.personalReadRoutes.union(Self.otherProfileRoutes))
        }
    }

    /// Every personal read route, for every read purpose: a profile that permits nothing is
    /// never answered, and no response carries its id or identifiers.
    @Test func noPersonalReadRouteShowsAProfileForAPurposeItDoesNotPermit() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "leak@example.com", userID: "leaky")
            _ = try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "leaky", "anonymousId": "cookie-leaky"}"#)
            try await ConsentFixtures.record(
                server, key: key, profileID: profile,
                #"{"analytics": false, "personalization": false, "marketing_email": false, "marketing_sms": false, "advertising": false, "partner_sharing": false}"#)

            for purpose in ReadPurpose.allCases {
                let paths = [
                    "/v1/profiles?identifier=email:leak@example.com&purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)?purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)/events?purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)/merges?purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)/scores?purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)/offer?purpose=\(purpose.rawValue)",
                    "/v1/profiles/\(profile)/segments?purpose=\(purpose.rawValue)",
                    // Always read for personalization (it takes no purpose).
                    "/v1/profiles/\(profile)/recommendations",
                ]
                #expect(paths.count == Self.personalReadRoutes.count)
                for path in paths {
                    let response = try await server.send("GET", path, key: key)
                    // The offer answers everyone: without personalization, a non-personal offer.
                    if path.contains("/offer") {
                        #expect(response.status == 200 && response.json["personalised"] as? Bool == false, "\(path)")
                        #expect(!response.text.contains(profile), "\(path)")
                    } else if path.hasSuffix("/recommendations") {
                        // Answers everyone: without personalization, exactly what an unknown id gets
                        // (each answer echoes the id asked about, and nothing else of it).
                        let unknown = UUID().uuidString.lowercased()
                        let forUnknown = try await server.send("GET", "/v1/profiles/\(unknown)/recommendations", key: key)
                        #expect(response.status == 200 && response.json["reason"] as? String != "personal", "\(path)")
                        var answer = response.json
                        var answerForUnknown = forUnknown.json
                        #expect(answer.removeValue(forKey: "profileId") as? String == profile)
                        answerForUnknown["profileId"] = nil
                        #expect(NSDictionary(dictionary: answer).isEqual(to: answerForUnknown), "\(path)")
                    } else {
                        #expect(response.status == 404, "\(path)")
                    }
                    #expect(!response.text.contains("leaky") && !response.text.contains("cookie-leaky"), "\(path)")
                    if !path.contains("identifier=") {
                        #expect(!response.text.contains("leak@"), "\(path)")
                    }
                }
            }
        }
    }

    @Test func aProfileThatNeverChoseIsNotVisibleForAConsentPurposeButIsForLegitimateInterest() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "kim@example.com", userID: "kim")

            let personalization = try await server.send("GET", "/v1/profiles/\(profile)", key: key)
            let analytics = try await server.send("GET", "/v1/profiles/\(profile)?purpose=analytics", key: key)
            #expect(personalization.status == 404)
            #expect(personalization.json["hint"] as? String != nil)
            #expect(analytics.status == 200)
        }
    }

    @Test func aGrantShowsTheProfileAndAWithdrawalHidesItFromTheNextRead() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "lou@example.com", userID: "lou")

            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"personalization": true}"#)
            let granted = try await server.send("GET", "/v1/profiles/\(profile)/events", key: key)
            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"personalization": false}"#)
            let withdrawn = try await server.send("GET", "/v1/profiles/\(profile)/events", key: key)

            #expect(granted.status == 200)
            #expect((granted.json["data"] as? [Any])?.count == 1)
            #expect(withdrawn.status == 404)
        }
    }

    @Test func aWithdrawalInATrackingCallCountsFromTheNextRead() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "max@example.com", userID: "max")
            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"personalization": true}"#)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)", key: key).status == 200)

            _ = try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "max", "event": "Banner Closed", "context": {"consent": {"categoryPreferences": {"personalization": false}}}}"#)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)", key: key).status == 404)
        }
    }

    @Test func theNewestChoiceAcrossAMergedSetDecidesForTheWholePerson() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await TrackingFixtures.send(server, key: key, "page", #"{"anonymousId": "cookie-nia", "name": "Home"}"#)
            let anonymous = try #require(try await TrackingFixtures.profileID(server, key: key, "anonymous_id:cookie-nia"))
            let known = try await ConsentFixtures.profile(server, key: key, email: "nia@example.com", userID: "nia")
            try await ConsentFixtures.record(
                server, key: key, profileID: anonymous, #"{"personalization": true}"#, occurredAt: "2026-06-01T00:00:00Z")
            try await ConsentFixtures.record(
                server, key: key, profileID: known, #"{"personalization": false}"#, occurredAt: "2026-05-01T00:00:00Z")
            #expect(try await server.send("GET", "/v1/profiles/\(known)", key: key).status == 404)

            _ = try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "nia", "anonymousId": "cookie-nia"}"#)
            let merged = try await server.send("GET", "/v1/profiles/\(known)", key: key)
            let timeline = try await server.send("GET", "/v1/profiles/\(anonymous)/events", key: key)

            #expect(merged.status == 200, "the set's newest choice (a grant) now covers the known profile")
            #expect(timeline.status == 200)
            #expect(try await ConsentFixtures.permitted(server, key: key, profileID: known)["personalization"] == true)
        }
    }

    @Test func aRestrictedProfileIsVisibleForNoPurpose() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "ola@example.com", userID: "ola")
            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"personalization": true}"#)
            try await server.pool.execute(
                "INSERT INTO processing_restrictions (tenant_id, profile_id) VALUES ($1, $2)",
                [tenant.id, try #require(UUID(uuidString: profile))])

            for purpose in ReadPurpose.allCases {
                let response = try await server.send("GET", "/v1/profiles/\(profile)?purpose=\(purpose.rawValue)", key: key)
                #expect(response.status == 404, "\(purpose)")
            }
            let overview = try await server.send("GET", "/v1/profiles/\(profile)/consents", key: key)
            #expect(overview.json["restricted"] as? Bool == true)
            #expect(try await ConsentFixtures.permitted(server, key: key, profileID: profile).values.allSatisfy { !$0 })

            try await server.pool.execute("DELETE FROM processing_restrictions WHERE tenant_id = $1", [tenant.id])
            #expect(try await server.send("GET", "/v1/profiles/\(profile)", key: key).status == 200)
        }
    }

    @Test func anUnconsentedProfileAndAMissingOneAnswerAlike() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "pia@example.com", userID: "pia")
            let hidden = try await server.send("GET", "/v1/profiles/\(profile)", key: key)
            let missing = try await server.send("GET", "/v1/profiles/\(UUID().uuidString.lowercased())", key: key)

            #expect(hidden.status == missing.status)
            #expect(hidden.json["type"] as? String == missing.json["type"] as? String)
            #expect(hidden.json["hint"] as? String == missing.json["hint"] as? String)
        }
    }

    @Test func anUnknownReadPurposeIsABadRequest() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send("GET", "/v1/profiles/\(UUID())?purpose=curiosity", key: key)
            #expect(response.status == 400)
            #expect(response.text.contains("personalization"))
        }
    }
}
