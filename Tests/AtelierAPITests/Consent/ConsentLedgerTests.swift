import AtelierDomain
import Foundation
import Testing

/// The consent ledger through the API: purposes, statements of choice, state and history.
@Suite("Consent ledger")
struct ConsentLedgerTests {
    @Test func aNewTenantStartsWithTheSixPurposesAndTheirLawfulBases() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.profilesRead])
            let response = try await server.send("GET", "/v1/consents/purposes", key: key)
            let purposes = response.json["data"] as? [[String: Any]] ?? []
            let bases = Dictionary(uniqueKeysWithValues: purposes.map { ($0["purpose"] as? String ?? "", $0["lawfulBasis"] as? String ?? "") })
            #expect(response.status == 200)
            #expect(bases == [
                "analytics": "legitimate_interest", "personalization": "consent", "marketing_email": "consent",
                "marketing_sms": "consent", "advertising": "consent", "partner_sharing": "consent",
            ])
        }
    }

    @Test func aStatementIsRecordedAndTheStateFollowsIt() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "ann@example.com", userID: "ann")
            let recorded = try await ConsentFixtures.record(
                server, key: key, profileID: profile, #"{"marketing_email": true, "analytics": false}"#)
            let states = Dictionary(
                uniqueKeysWithValues: (recorded.json["purposes"] as? [[String: Any]] ?? []).map { ($0["purpose"] as? String ?? "", $0) })

            #expect(states["marketing_email"]?["granted"] as? Bool == true)
            #expect(states["marketing_email"]?["permitted"] as? Bool == true)
            #expect(states["marketing_email"]?["source"] as? String == "web_banner")
            #expect(states["analytics"]?["granted"] as? Bool == false)
            #expect(states["analytics"]?["permitted"] as? Bool == false, "an objection overrides legitimate interest")
            #expect(states["personalization"]?["granted"] is NSNull, "never chose")
            #expect(states["personalization"]?["permitted"] as? Bool == false, "consent basis: silence is no")
            #expect(recorded.json["restricted"] as? Bool == false)
        }
    }

    @Test func everyRecordedChoiceIsAuditedWithoutItsProof() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "al@example.com", userID: "al")
            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"marketing_email": true}"#)
            _ = try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "al", "event": "Banner", "context": {"consent": {"categoryPreferences": {"Advertising": true}}}}"#)
            let audit = try await server.send("GET", "/v1/audit?action=consent.changed", key: key)
            let entries = audit.json["data"] as? [[String: Any]] ?? []

            #expect(entries.count == 2)
            #expect(entries.contains { ($0["detail"] as? [String: Any])?["source"] as? String == "web_banner" })
            #expect(entries.contains { ($0["detail"] as? [String: Any])?["source"] as? String == "tracking" })
            #expect(!audit.text.contains("al@example.com"))
        }
    }

    @Test func theHistoryIsAppendOnlyNewestFirstAndPagesWithACursor() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "bo@example.com", userID: "bo")
            for (index, granted) in [true, false, true].enumerated() {
                try await ConsentFixtures.record(
                    server, key: key, profileID: profile, #"{"marketing_sms": \#(granted)}"#,
                    occurredAt: "2026-0\(index + 1)-01T10:00:00Z")
            }
            let first = try await server.send("GET", "/v1/profiles/\(profile)/consents/history?limit=2", key: key)
            let cursor = try #require(first.json["nextCursor"] as? String)
            let second = try await server.send("GET", "/v1/profiles/\(profile)/consents/history?limit=2&cursor=\(cursor)", key: key)
            let entries = (first.json["data"] as? [[String: Any]] ?? []) + (second.json["data"] as? [[String: Any]] ?? [])

            #expect(entries.map { $0["granted"] as? Bool } == [true, false, true])
            #expect(entries.map { $0["occurredAt"] as? String } == [
                "2026-03-01T10:00:00.000Z", "2026-02-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z",
            ])
            #expect(entries.allSatisfy { ($0["recordedBy"] as? String)?.hasPrefix("key:") == true })
            #expect(second.json["nextCursor"] is NSNull)
            await #expect(throws: (any Error).self, "the ledger refuses edits") {
                try await server.pool.execute("UPDATE consent_events SET granted = NOT granted")
            }
        }
    }

    @Test func anOlderChoiceArrivingLateJoinsTheHistoryWithoutChangingTheState() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "cy@example.com", userID: "cy")
            try await ConsentFixtures.record(
                server, key: key, profileID: profile, #"{"advertising": true}"#, occurredAt: "2026-05-01T00:00:00Z")
            try await ConsentFixtures.record(
                server, key: key, profileID: profile, #"{"advertising": false}"#, occurredAt: "2026-04-01T00:00:00Z")

            #expect(try await ConsentFixtures.permitted(server, key: key, profileID: profile)["advertising"] == true)
            let history = try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: key)
            #expect((history.json["data"] as? [Any])?.count == 2)
        }
    }

    @Test func aTCFStringIsMappedToPurposesAndKeptAsProof() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "di@example.com", userID: "di")
            let tcf = ConsentFixtures.tcfString(purposes: [1, 5, 6, 8])
            let response = try await server.send(
                "PUT", "/v1/profiles/\(profile)/consents", key: key,
                json: #"{"source": "web_banner", "proof": {"format": "tcf_v2", "value": "\#(tcf)"}}"#)
            let permitted = try await ConsentFixtures.permitted(server, key: key, profileID: profile)
            let history = try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: key)
            let proofs = (history.json["data"] as? [[String: Any]] ?? []).compactMap { $0["proof"] as? [String: Any] }

            #expect(response.status == 200)
            #expect(permitted["personalization"] == true)
            #expect(permitted["analytics"] == true)
            #expect(permitted["advertising"] == false, "TCF purposes 2-4 were not given")
            #expect(proofs.count == 3)
            #expect(proofs.allSatisfy { $0["format"] as? String == "tcf_v2" && $0["value"] as? String == tcf })
        }
    }

    @Test func googleConsentModeSignalsAreMappedToPurposes() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "ed@example.com", userID: "ed")
            let response = try await server.send(
                "PUT", "/v1/profiles/\(profile)/consents", key: key,
                json: #"""
                    {"source": "app_banner", "proof": {"format": "google_consent_mode", "value":
                      {"analytics_storage": "denied", "ad_storage": "granted", "ad_personalization": "granted", "ad_user_data": "denied"}}}
                    """#)
            let permitted = try await ConsentFixtures.permitted(server, key: key, profileID: profile)

            #expect(response.status == 200)
            #expect(permitted["analytics"] == false)
            #expect(permitted["advertising"] == true)
            #expect(permitted["partner_sharing"] == false)
        }
    }

    @Test func consentInTrackingCallsIsRecordedOnlyWhenItChangesTheChoice() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            func track(_ preferences: String, _ id: String) async throws {
                let response = try await TrackingFixtures.send(
                    server, key: key, "track",
                    #"{"userId": "fay", "event": "Viewed", "messageId": "\#(id)", "context": {"consent": {"categoryPreferences": \#(preferences)}}}"#)
                #expect(response.status == 200)
            }
            try await track(#"{"Personalization": true, "Advertising": false, "Unknown Category": true}"#, "m1")
            try await track(#"{"Personalization": true, "Advertising": false}"#, "m2")
            try await track(#"{"Personalization": false, "Advertising": false}"#, "m3")
            let profile = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:fay"))
            let history = try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: key)
            let entries = history.json["data"] as? [[String: Any]] ?? []

            #expect(entries.count == 3, "two choices from the first call, one change from the third")
            #expect(entries.allSatisfy { $0["source"] as? String == "tracking" && $0["recordedBy"] as? String == "tracking" })
            #expect(try await ConsentFixtures.permitted(server, key: key, profileID: profile)["personalization"] == false)
        }
    }

    @Test func aTrackingCallWithANonBooleanPreferenceIsRejectedByIndex() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send(
                "POST", "/v1/batch", key: key,
                json: #"""
                    {"batch": [
                      {"type": "track", "userId": "gus", "event": "A", "context": {"consent": {"categoryPreferences": {"Analytics": "yes"}}}},
                      {"type": "track", "userId": "gus", "event": "B", "context": {"consent": {"categoryPreferences": {"Analytics": true}}}}
                    ]}
                    """#)
            let rejected = response.json["errors"] as? [[String: Any]] ?? []

            #expect(response.status == 200)
            #expect(response.json["accepted"] as? Int == 1)
            #expect(rejected.first?["index"] as? Int == 0)
            #expect(rejected.first?["field"] as? String == "/context/consent/categoryPreferences/Analytics")
        }
    }

    @Test func aTenantMayAddAPurposeAndChangeABasis() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "hal@example.com", userID: "hal")
            let loyalty = try await server.send(
                "PUT", "/v1/consents/purposes/loyalty_programme", key: key,
                json: #"{"lawfulBasis": "consent", "description": "Points and rewards"}"#)
            try await ConsentFixtures.record(server, key: key, profileID: profile, #"{"loyalty_programme": true}"#)
            #expect(loyalty.status == 200)
            #expect(loyalty.json["builtIn"] as? Bool == false)
            #expect(try await ConsentFixtures.permitted(server, key: key, profileID: profile)["loyalty_programme"] == true)

            let before = try await server.send("GET", "/v1/profiles/\(profile)?purpose=analytics", key: key)
            let switched = try await server.send(
                "PUT", "/v1/consents/purposes/analytics", key: key, json: #"{"lawfulBasis": "consent"}"#)
            let after = try await server.send("GET", "/v1/profiles/\(profile)?purpose=analytics", key: key)
            #expect(before.status == 200)
            #expect(switched.status == 200)
            #expect(after.status == 404, "under consent, a profile that never chose is not permitted")
        }
    }

    @Test func badStatementsAreRefusedWithTheFieldAtFault() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: key, email: "ida@example.com", userID: "ida")
            let cases: [(body: String, status: Int, field: String?)] = [
                (#"{"source": "web_banner", "purposes": {"no_such_purpose": true}}"#, 422, "/purposes/no_such_purpose"),
                (#"{"source": "web_banner", "purposes": {"Bad Name'; DROP TABLE consent_events;--": true}}"#, 422, nil),
                (#"{"source": "web_banner", "purposes": {"analytics": "yes"}}"#, 422, "/purposes/analytics"),
                (#"{"source": "billboard", "purposes": {"analytics": true}}"#, 422, "/source"),
                (#"{"source": "web_banner", "purposes": {}}"#, 422, "/purposes"),
                (#"{"source": "web_banner", "purposes": {"analytics": true}, "colour": "red"}"#, 422, "/colour"),
                (#"{"source": "web_banner", "proof": {"format": "tcf_v2", "value": "not a tcf string!"}}"#, 422, "/proof/value"),
                (#"{"source": "web_banner", "proof": {"format": "tcf_v2", "value": {"a": 1}}}"#, 422, "/proof/value"),
                (#"{"source": "web_banner", "proof": {"format": "google_consent_mode", "value": {"ad_storage": "maybe"}}}"#, 422, "/proof/value/ad_storage"),
                (#"{"source": "web_banner", "purposes": {"analytics": true}, "occurredAt": "2999-01-01T00:00:00Z"}"#, 422, "/occurredAt"),
                (#"{"source": "web_banner", "purposes": {"analytics": true"#, 400, nil),
            ]
            for (body, status, field) in cases {
                let response = try await server.send("PUT", "/v1/profiles/\(profile)/consents", key: key, json: body)
                #expect(response.status == status, "\(body)")
                #expect(response.header("Content-Type") == "application/problem+json", "\(body)")
                if let field { #expect(response.json["field"] as? String == field, "\(body)") }
            }
            let history = try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: key)
            #expect((history.json["data"] as? [Any])?.isEmpty == true, "nothing of a refused statement is kept")
            let unknownProfile = try await server.send(
                "PUT", "/v1/profiles/\(UUID())/consents", key: key, json: #"{"source": "store", "purposes": {"analytics": true}}"#)
            #expect(unknownProfile.status == 404)
        }
    }

    @Test func eachConsentRouteNeedsItsScope() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant()
            let profile = try await ConsentFixtures.profile(server, key: admin, email: "jo@example.com", userID: "jo")
            let tracker = try await server.issueKey(tenant: tenant, scopes: [.eventsWrite])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])
            let officer = try await server.issueKey(tenant: tenant, scopes: [.privacyManage])
            let body = #"{"source": "store", "purposes": {"analytics": true}}"#

            #expect(try await server.send("PUT", "/v1/profiles/\(profile)/consents", key: reader, json: body).status == 403)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)/consents", key: tracker).status == 403)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)/consents", key: reader).status == 200)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: reader).status == 403)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)/consents/history", key: officer).status == 200)
            #expect(
                try await server.send("PUT", "/v1/consents/purposes/x", key: officer, json: #"{"lawfulBasis": "consent"}"#)
                    .status == 403)
            #expect(try await server.send("GET", "/v1/profiles/\(profile)/consents").status == 401)
        }
    }
}
