import AtelierAPI
import AtelierDomain
import Foundation
import Testing

/// Erasure reaches every copy: after it, no column of any table holds the subject's
/// identifiers or profile ids; a receipt says what went; re-sent data is refused.
@Suite("Erasure")
struct ErasureTests {
    /// The subject: two profiles (web cookie, then a logged-in user) joined by an alias, with
    /// traits, events, an order with a return, a refused second e-mail, a visit from a shared
    /// boutique tablet (blocked), and an idempotent order response naming the profile.
    struct Subject {
        static let email = "Zoë.O'Brien+shop@Example.com"
        static let normalisedEmail = "zoë.o'brien+shop@example.com"
        static let secondEmail = "zoe.second@example.org"
        static let rawPhone = "06 12 34 56 78"
        static let phone = "+33612345678"
        static let userID = "user-ЖΩ-42"
        static let cookie = "anon-subject-cookie-7f3a"
        static let card = "LC-SUBJ-0042"
        static let device = "subject-device-91"
        /// Shared, blocked by the tenant: names no one, so it is neither erased nor suppressed.
        static let tablet = "boutique-tablet-PAR-1"

        var profileIDs: [String]

        var needles: [String] {
            [
                Self.email, Self.normalisedEmail, Self.secondEmail, Self.rawPhone, Self.phone, Self.userID, Self.cookie,
                Self.card,
                Self.device,
            ] + profileIDs
        }
    }

    static func seedSubject(_ server: APITestServer, key: String) async throws -> Subject {
        let blocked = try await server.send(
            "POST", "/v1/identity/blocked", key: key, json: #"{"type": "device_id", "value": "\#(Subject.tablet)"}"#)
        #expect(blocked.status == 201)
        try await TrackingFixtures.send(
            server, key: key, "page",
            #"{"anonymousId": "\#(Subject.cookie)", "name": "Home", "context": {"device": {"id": "\#(Subject.device)"}}}"#
        )
        let cookieProfile = try #require(
            try await TrackingFixtures.profileID(server, key: key, "anonymous_id:\(Subject.cookie)"))
        try await TrackingFixtures.send(
            server, key: key, "identify",
            """
            {"userId": \(PrivacyFixtures.json(Subject.userID)), "traits": {"email": \(PrivacyFixtures.json(Subject.email)), \
            "phone": "\(Subject.rawPhone)", "name": "Zoë O'Brien"}}
            """)
        let userProfile = try #require(
            try await TrackingFixtures.profileID(server, key: key, "user_id:\(Subject.userID)"))
        try await TrackingFixtures.send(
            server, key: key, "alias",
            #"{"userId": \#(PrivacyFixtures.json(Subject.userID)), "previousId": "\#(Subject.cookie)"}"#)
        for index in 0..<5 {
            try await TrackingFixtures.send(
                server, key: key, "track",
                """
                {"userId": \(PrivacyFixtures.json(Subject.userID)), "event": "Product Viewed", "messageId": "subject-\(index)", \
                "properties": {"sku": "BAG-\(index)", "note": "for \(Subject.email)"}, \
                "context": {"device": {"id": "\(index == 0 ? Subject.tablet : Subject.device)"}}}
                """)
        }
        // Consent, from the consent API and from a tracking call: the ledger keeps it per profile.
        try await ConsentFixtures.record(
            server, key: key, profileID: cookieProfile, #"{"personalization": true, "marketing_email": true}"#)
        try await TrackingFixtures.send(
            server, key: key, "track",
            """
            {"userId": \(PrivacyFixtures.json(Subject.userID)), "event": "Consent Changed", "messageId": "subject-consent", \
            "context": {"consent": {"categoryPreferences": {"Advertising": true}}}}
            """)
        // The default rules keep one e-mail per profile: the second is refused and recorded.
        try await TrackingFixtures.send(
            server, key: key, "identify",
            #"{"userId": \#(PrivacyFixtures.json(Subject.userID)), "traits": {"email": "\#(Subject.secondEmail)"}}"#)
        let order = CommerceFixtures.order(
            "ORD-SUBJ-1",
            customer: #"{"email": \#(PrivacyFixtures.json(Subject.email)), "loyaltyCard": "\#(Subject.card)"}"#)
        let recorded = try await server.send(
            "POST", "/v1/orders", key: key, json: order, headers: [("Idempotency-Key", "order-subj-1")])
        #expect(recorded.status == 201, "\(recorded.text)")
        let returned = try await server.send(
            "POST", "/v1/returns", key: key, json: CommerceFixtures.return("RET-SUBJ-1", orderID: "ORD-SUBJ-1"))
        #expect(returned.status == 201, "\(returned.text)")
        return Subject(profileIDs: Array(Set([cookieProfile, userProfile])))
    }

    static func seedBystander(_ server: APITestServer, key: String) async throws -> String {
        try await TrackingFixtures.send(
            server, key: key, "identify", #"{"userId": "bystander-1", "traits": {"email": "other@example.com"}}"#)
        try await TrackingFixtures.send(server, key: key, "track", #"{"userId": "bystander-1", "event": "Signed Up"}"#)
        _ = try await server.send(
            "POST", "/v1/orders", key: key,
            json: CommerceFixtures.order("ORD-OTHER-1", customer: #"{"email": "other@example.com"}"#))
        return try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:bystander-1"))
    }

    @Test func afterAnErasureNoTableOrColumnHoldsTheSubjectsIdentifiersOrProfileIDs() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let subject = try await Self.seedSubject(server, key: key)
            let bystander = try await Self.seedBystander(server, key: key)
            #expect(subject.profileIDs.count == 2)
            try await PrivacyFixtures.submit(
                server, key: key,
                PrivacyFixtures.request(type: "access", identities: [("user_id", Subject.userID, "raw")]))
            await PrivacyFixtures.drain(server)
            #expect(
                try await PrivacyFixtures.occurrences(of: subject.needles, in: server.pool).count > 10,
                "the seed is there")

            // Named only by the SHA-256 of the e-mail: the rest is found through the identity graph.
            let hashed = try await PrivacyFixtures.sha256Hex(Subject.normalisedEmail, pool: server.pool)
            let erasure = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("email", hashed, "sha256")]))
            await PrivacyFixtures.drain(server)

            let status = try await PrivacyFixtures.status(server, key: key, erasure)
            #expect(status["request_status"] as? String == "completed")
            let left = try await PrivacyFixtures.occurrences(of: subject.needles + [hashed], in: server.pool)
            #expect(left.isEmpty, "\(left.joined(separator: "\n"))")
            let proofs = try await server.pool.query("SELECT purpose, granted FROM consent_proof_records ORDER BY purpose")
            #expect(
                try proofs.map { try $0.decode(String.self, column: "purpose") } == [
                    "advertising", "marketing_email", "personalization",
                ], "the consent ledger leaves its hashed proof records")
            let other = try await server.send("GET", "/v1/profiles/\(bystander)?purpose=analytics", key: key)
            #expect(other.status == 200)
            #expect(try await TrackingFixtures.timeline(server, key: key, profileID: bystander).count == 2)
        }
    }

    @Test func trackingCallsRacingAnErasureLeaveNothingOfTheSubject() async throws {
        try await APITestServer.with(poolSize: 8) { server in
            let (_, key) = try await server.makeTenant()
            let subject = try await Self.seedSubject(server, key: key)
            try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("user_id", Subject.userID, "raw")]))
            let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
                group.addTask {
                    await PrivacyFixtures.drain(server)
                    return []
                }
                for sender in 0..<6 {
                    group.addTask {
                        var statuses: [Int] = []
                        for call in 0..<25 {
                            let identifiers =
                                call % 2 == 0
                                ? #""userId": \#(PrivacyFixtures.json(Subject.userID))"#
                                : #""anonymousId": "race-\#(sender)-\#(call)", "traits": {"email": \#(PrivacyFixtures.json(Subject.email))}"#
                            let response = try await server.send(
                                "POST", "/v1/\(call % 2 == 0 ? "track" : "identify")", key: key,
                                json: #"{\#(identifiers), "event": "Racing", "messageId": "race-\#(sender)-\#(call)"}"#)
                            statuses.append(response.status)
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(Set(statuses).isSubset(of: [200, 422]))
            #expect(statuses.contains(422), "calls after the erasure are refused")
            let left = try await PrivacyFixtures.occurrences(of: subject.needles, in: server.pool)
            #expect(left.isEmpty, "\(left.joined(separator: "\n"))")
            let racers = try await server.pool.query(
                "SELECT count(*) AS n FROM profile_identifiers WHERE value LIKE 'race-%'")
            #expect(
                try racers[0].decode(Int.self, column: "n") == 0,
                "cookies that came with the subject's e-mail went with it")
        }
    }

    @Test func theReceiptCountsWhatWentWhereAndNamesNoOne() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let subject = try await Self.seedSubject(server, key: key)
            let erasure = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("email", Subject.email, "raw")]))
            await PrivacyFixtures.drain(server)

            let status = try await PrivacyFixtures.status(server, key: key, erasure)
            let receipt = try #require((status["results"] as? [String: Any])?["receipt"] as? [String: Any])
            let rows = Dictionary(
                uniqueKeysWithValues: try #require(receipt["tables"] as? [[String: Any]]).map {
                    ($0["table"] as? String ?? "", $0["rows"] as? Int ?? -1)
                })
            #expect(receipt["profiles_erased"] as? Int == 2)
            #expect(rows["profiles"] == 2)
            #expect(rows["events"] == 10, "page, identify, alias, 5 tracks, the consent track, the refused identify")
            #expect(rows["consent_events"] == 3, "two purposes by the API, one by tracking; proof records kept")
            #expect(rows["orders"] == 1)
            #expect(rows["order_lines"] == 2)
            #expect(rows["returns"] == 1)
            #expect(rows["profile_identifiers"] == 6, "cookie, device, user id, e-mail, phone, card")
            #expect(rows["merge_refusals"] == 2, "the second e-mail (limit) and the tablet (blocked)")
            #expect(rows["idempotency_keys"] == 1)
            #expect(Set(rows.keys) == Set(PersonalDataRegistry.tableNames + ["privacy_exports", "privacy_requests"]))
            #expect(receipt["identifiers_suppressed"] as? Int == 7, "the six, and the refused second e-mail")
            #expect((receipt["models_affected"] as? [Any])?.isEmpty == true)
            let text = try await server.send("GET", "/v1/privacy/requests/\(erasure)", key: key).text
            for needle in subject.needles { #expect(!text.lowercased().contains(needle.lowercased())) }
        }
    }

    @Test func eventsAndOrdersCarryingAnErasedIdentifierAreRefusedAndCounted() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await Self.seedSubject(server, key: key)
            try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("user_id", Subject.userID, "raw")]))
            await PrivacyFixtures.drain(server)

            let track = try await server.send(
                "POST", "/v1/track", key: key, json: #"{"anonymousId": "\#(Subject.cookie)", "event": "Came Back"}"#)
            #expect(track.status == 422)
            #expect(track.json["type"] as? String == "https://atelier.dev/problems/suppressed-identifier")
            #expect(track.json["field"] as? String == "/anonymousId")
            #expect(!track.text.contains(Subject.cookie))
            let identify = try await server.send(
                "POST", "/v1/identify", key: key,
                json: #"{"anonymousId": "fresh-cookie", "traits": {"email": "ZOË.O'BRIEN+shop@example.com"}}"#)
            #expect(identify.status == 422)
            #expect(identify.json["field"] as? String == "/traits/email")
            let hashed = try await PrivacyFixtures.sha256Hex(Subject.phone, pool: server.pool)
            let external = try await server.send(
                "POST", "/v1/track", key: key,
                json:
                    #"{"anonymousId": "another-cookie", "event": "X", "context": {"externalIds": [{"id": "\#(hashed)", "type": "phone", "encoding": "sha256", "collection": "users"}]}}"#
            )
            #expect(external.status == 422, "a hashed identifier is refused like the clear one")
            let order = try await server.send(
                "POST", "/v1/orders", key: key,
                json: CommerceFixtures.order("ORD-AGAIN", customer: #"{"loyaltyCard": "\#(Subject.card)"}"#))
            #expect(order.status == 422)
            #expect(order.json["field"] as? String == "/customer/loyaltyCard")
            let batch = try await server.send(
                "POST", "/v1/batch", key: key,
                json:
                    #"{"batch": [{"type": "track", "userId": "someone-else", "event": "Ok"}, {"type": "track", "userId": \#(PrivacyFixtures.json(Subject.userID)), "event": "No"}]}"#
            )
            #expect(batch.status == 200)
            #expect(batch.json["accepted"] as? Int == 1)
            #expect(((batch.json["errors"] as? [[String: Any]])?.first)?["index"] as? Int == 1)

            #expect(try await TrackingFixtures.profileID(server, key: key, "anonymous_id:fresh-cookie") == nil)
            #expect(try await TrackingFixtures.profileID(server, key: key, "user_id:someone-else") != nil)
            let settings = try await server.send("GET", "/v1/privacy/settings", key: key)
            #expect(settings.json["refused_calls"] as? Int == 5)
            #expect(settings.json["dropped_calls"] as? Int == 0)
            #expect(settings.json["suppressed_identifiers"] as? Int == 7)
            let tablet = try await server.send(
                "POST", "/v1/track", key: key,
                json:
                    #"{"anonymousId": "next-visitor", "event": "Browsed", "context": {"device": {"id": "\#(Subject.tablet)"}}}"#
            )
            #expect(tablet.status == 200, "the shared tablet was not suppressed")
        }
    }

    @Test func aTenantThatDropsSuppressedCallsAcknowledgesAndDiscardsThem() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await Self.seedSubject(server, key: key)
            let mode = try await server.send(
                "PUT", "/v1/privacy/settings", key: key, json: #"{"suppression_mode": "drop"}"#)
            #expect(mode.json["suppression_mode"] as? String == "drop")
            try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("email", Subject.email, "raw")]))
            await PrivacyFixtures.drain(server)

            let track = try await server.send(
                "POST", "/v1/track", key: key, json: #"{"anonymousId": "\#(Subject.cookie)", "event": "Came Back"}"#)
            #expect(track.status == 200)
            #expect(try await TrackingFixtures.profileID(server, key: key, "anonymous_id:\(Subject.cookie)") == nil)
            let settings = try await server.send("GET", "/v1/privacy/settings", key: key)
            #expect(settings.json["dropped_calls"] as? Int == 1)
            #expect(settings.json["refused_calls"] as? Int == 0)
        }
    }

    @Test func anErasureNamingNobodyCompletesAndStillSuppressesTheIdentity() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let erasure = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("email", "never-seen@example.com", "raw")]))
            await PrivacyFixtures.drain(server)
            let receipt = try #require(
                ((try await PrivacyFixtures.status(server, key: key, erasure))["results"] as? [String: Any])?["receipt"]
                    as? [String: Any])
            #expect(receipt["profiles_erased"] as? Int == 0)
            #expect(receipt["identifiers_suppressed"] as? Int == 1)
            let track = try await server.send(
                "POST", "/v1/identify", key: key,
                json: #"{"userId": "u-1", "traits": {"email": "never-seen@example.com"}}"#)
            #expect(track.status == 422)
        }
    }

    @Test func anErasureInOneTenantLeavesTheSameIdentifiersOfAnotherTenantAlone() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            _ = try await Self.seedSubject(server, key: keyOfA)
            let subjectOfB = try await Self.seedSubject(server, key: keyOfB)
            try await PrivacyFixtures.submit(
                server, key: keyOfA, PrivacyFixtures.request(identities: [("email", Subject.email, "raw")]))
            await PrivacyFixtures.drain(server)

            for profile in subjectOfB.profileIDs {
                #expect(try await server.send("GET", "/v1/profiles/\(profile)", key: keyOfB).status == 200)
            }
            let track = try await server.send(
                "POST", "/v1/track", key: keyOfB, json: #"{"anonymousId": "\#(Subject.cookie)", "event": "Came Back"}"#)
            #expect(track.status == 200, "B never erased this customer")
        }
    }
}
