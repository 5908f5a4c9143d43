import AtelierCrypto
import AtelierDomain
import Foundation
import Testing

/// Partner audiences end to end: partner keys see only their audiences, members are read
/// under partner_sharing at every pull, identifiers arrive hashed for the destination, small
/// audiences are refused, deltas hold exactly who entered and left, and every page is logged.
@Suite("Partner audiences")
struct AudienceTests {
    static func sha256(_ text: String) -> String { Hex.encode(Digest.sha256(text)) }

    @Test func aPartnerPullsItsAudienceHashedForItsDestinationAndThePullIsLogged() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await AudienceFixtures.people(server, key: key, 0..<110)
            let (_, audience) = try await AudienceFixtures.goldAudience(server, key: key)
            let partner = try await AudienceFixtures.partnerKey(server, key: key, audiences: [audience])

            let (rows, pages) = try await AudienceFixtures.pull(server, key: partner, audience: audience)
            let log = try await server.send("GET", "/v1/audiences/\(audience)/deliveries", key: key)
            let keys = try await server.send("GET", "/v1/keys", key: key)

            #expect(pages == 1)
            #expect(rows.count == 110)
            #expect(rows.allSatisfy { $0["action"] as? String == "add" })
            let emails = Set(rows.compactMap { $0["email_sha256"] as? String })
            #expect(emails.contains(Self.sha256("person7@example.com")))
            #expect(emails.contains(Self.sha256("person10@gmail.com")), "Gmail: dots and the +tag dropped for Google")
            #expect(!rows.contains { ($0["email_sha256"] as? String)?.contains("@") == true })
            #expect(Set(rows.compactMap { $0["phone_sha256"] as? String }).contains(Self.sha256("+33612000007")))
            let pseudonyms = Set(rows.compactMap { $0["pseudonymous_id"] as? String })
            #expect(pseudonyms.count == 110)
            #expect(pseudonyms.isDisjoint(with: Set(ids.values.map { $0.uuidString.lowercased() })))
            let entry = try #require((log.json["data"] as? [[String: Any]])?.first)
            let partnerKeyID = (keys.json["data"] as? [[String: Any]])?.first { $0["name"] as? String == "agency" }?["id"] as? String
            #expect(entry["rows"] as? Int == 110)
            #expect(entry["kind"] as? String == "snapshot")
            #expect(entry["keyId"] as? String == partnerKeyID)
            #expect(entry["lastPage"] as? Bool == true)

            let again = try await AudienceFixtures.pull(server, key: partner, audience: audience)
            #expect(Set(again.rows.compactMap { $0["pseudonymous_id"] as? String }) == pseudonyms, "stable per person")
        }
    }

    @Test func largeAudiencesComeInKeysetPagesEachLogged() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: key, 0..<110)
            let (_, audience) = try await AudienceFixtures.goldAudience(server, key: key)

            let (rows, pages) = try await AudienceFixtures.pull(server, key: key, audience: audience, query: "&limit=50")
            let log = try await server.send("GET", "/v1/audiences/\(audience)/deliveries", key: key)

            #expect(pages == 3)
            #expect(Set(rows.compactMap { $0["pseudonymous_id"] as? String }).count == 110)
            let entries = try #require(log.json["data"] as? [[String: Any]])
            #expect(entries.map { $0["rows"] as? Int ?? -1 }.sorted() == [10, 50, 50])
            #expect(Set(entries.compactMap { $0["pullId"] as? String }).count == 1)
            #expect(entries.filter { $0["lastPage"] as? Bool == true }.map { $0["page"] as? Int } == [3])
        }
    }

    @Test func aWithdrawalRemovesTheMemberFromTheVeryNextRead() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await AudienceFixtures.people(server, key: key, 0..<110)
            let (_, audience) = try await AudienceFixtures.goldAudience(server, key: key)
            let partner = try await AudienceFixtures.partnerKey(server, key: key, audiences: [audience])
            let before = try await AudienceFixtures.pull(server, key: partner, audience: audience)

            try await ConsentFixtures.record(server, key: key, profileID: ids[7]!.uuidString, #"{"partner_sharing": false}"#)
            let after = try await AudienceFixtures.pull(server, key: partner, audience: audience)

            let withdrawn = Self.sha256("person7@example.com")
            #expect(before.rows.contains { $0["email_sha256"] as? String == withdrawn })
            #expect(after.rows.count == 109, "no refresh ran: the read itself filtered")
            #expect(!after.rows.contains { $0["email_sha256"] as? String == withdrawn })
        }
    }

    @Test func anAudienceBelowItsMinimumOfConsentedMembersIsRefused() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await AudienceFixtures.people(server, key: key, 0..<101)
            let (segment, audience) = try await AudienceFixtures.goldAudience(server, key: key)
            let larger = try await server.send(
                "POST", "/v1/audiences", key: key,
                json: #"{"name": "Too big an ask", "segmentId": "\#(segment)", "partner": "P", "minimumSize": 500}"#)
            let tooLow = try await server.send(
                "POST", "/v1/audiences", key: key,
                json: #"{"name": "Tiny", "segmentId": "\#(segment)", "partner": "P", "minimumSize": 5}"#)
            let largerID = try #require(larger.json["id"] as? String)

            let allowed = try await server.send("GET", "/v1/audiences/\(audience)/members", key: key)
            let refusedBySize = try await server.send("GET", "/v1/audiences/\(largerID)/members", key: key)
            try await ConsentFixtures.record(server, key: key, profileID: ids[3]!.uuidString, #"{"partner_sharing": false}"#)
            try await ConsentFixtures.record(server, key: key, profileID: ids[4]!.uuidString, #"{"partner_sharing": false}"#)
            let refusedByConsent = try await server.send("GET", "/v1/audiences/\(audience)/members", key: key)

            #expect(allowed.status == 200)
            #expect(refusedBySize.status == 409)
            #expect(tooLow.status == 422)
            #expect(tooLow.json["field"] as? String == "/minimumSize")
            #expect(refusedByConsent.status == 409, "99 members permit sharing")
            #expect(refusedByConsent.text.contains("minimum"))
            #expect(!refusedByConsent.text.contains("person"))
        }
    }

    @Test func aDeltaHoldsExactlyWhoEnteredAndWhoLeftSinceTheGivenTime() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: key, 0..<110)
            let (segment, audience) = try await AudienceFixtures.goldAudience(server, key: key)
            let afterFirst = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))

            for index in [1, 2, 3, 9] { try await AudienceFixtures.retier(server, key: key, index, "silver") }
            try await AudienceFixtures.people(server, key: key, 110..<112)
            _ = try await server.send("POST", "/v1/segments/\(segment)/refresh", key: key)
            await SegmentAPITests.runJobs(server)
            let afterSecond = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))

            try await AudienceFixtures.retier(server, key: key, 9, "gold")
            _ = try await server.send("POST", "/v1/segments/\(segment)/refresh", key: key)
            await SegmentAPITests.runJobs(server)

            let sinceFirst = try await AudienceFixtures.pull(
                server, key: key, audience: audience, query: "&since=\(afterFirst)&limit=2")
            let sinceSecond = try await AudienceFixtures.pull(server, key: key, audience: audience, query: "&since=\(afterSecond)")
            let snapshot = try await AudienceFixtures.pull(server, key: key, audience: audience)

            func changes(_ rows: [[String: Any]]) -> [String: String] {
                Dictionary(uniqueKeysWithValues: rows.compactMap { row in
                    (row["email_sha256"] as? String).map { ($0, row["action"] as? String ?? "") }
                })
            }
            let email = { (index: Int) in Self.sha256(AudienceFixtures.googleEmail(index)) }
            #expect(changes(sinceFirst.rows) == [
                email(1): "remove", email(2): "remove", email(3): "remove", email(110): "add", email(111): "add",
            ], "9 left and came back: no change since the first refresh")
            #expect(sinceFirst.pages == 3, "five changes, two a page")
            #expect(changes(sinceSecond.rows) == [email(9): "add"])
            #expect(snapshot.rows.count == 109)
        }
    }

    @Test func extraPurposesNarrowTheAudienceAtDelivery() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: key, 0..<110)
            let (_, audience) = try await AudienceFixtures.goldAudience(
                server, key: key, destination: "meta", identifiers: #"["phone"]"#, extra: #", "extraPurposes": ["advertising"]"#)

            let (rows, _) = try await AudienceFixtures.pull(server, key: key, audience: audience)

            #expect(rows.count == 105, "0, 22, 44, 66 and 88 did not consent to advertising")
            #expect(!rows.contains { $0["phone_sha256"] as? String == Self.sha256("33612000022") })
            #expect(rows.contains { $0["phone_sha256"] as? String == Self.sha256("33612000023") }, "Meta: digits, no +")
            #expect(rows.allSatisfy { $0.keys.sorted() == ["action", "phone_sha256"] })
        }
    }

    @Test func csvDeliveriesHaveAHeaderAndOneRowPerMember() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: key, 0..<100)
            let (_, audience) = try await AudienceFixtures.goldAudience(server, key: key, identifiers: #"["email"]"#)

            let response = try await server.send("GET", "/v1/audiences/\(audience)/members?format=csv", key: key)
            let lines = response.text.split(separator: "\r\n")

            #expect(response.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(lines.first == "action,email_sha256")
            #expect(lines.count == 101)
            #expect(lines.contains("add,\(Self.sha256("person5@example.com"))"))
        }
    }

    @Test func rawIdentifiersTakeAnAdmin() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: admin, 0..<100)
            let segment = try await SegmentAPITests.create(server, key: admin)
            await SegmentAPITests.runJobs(server)
            let manager = try await server.issueKey(tenant: tenant, scopes: [.segmentsManage, .audiencesRead])
            let body = #"{"name": "Raw", "segmentId": "\#(segment)", "partner": "CRM", "identifiers": ["email"], "rawIdentifiers": true}"#

            let byManager = try await server.send("POST", "/v1/audiences", key: manager, json: body)
            let byAdmin = try await server.send("POST", "/v1/audiences", key: admin, json: body)
            let id = try #require(byAdmin.json["id"] as? String)
            let response = try await server.send("GET", "/v1/audiences/\(id)/members?format=csv", key: admin)

            #expect(byManager.status == 403)
            #expect(byAdmin.status == 201)
            #expect(response.text.hasPrefix("action,email\r\n"))
            #expect(response.text.contains("add,person.10+promo@gmail.com\r\n"))
        }
    }

    @Test func aPartnerKeySeesOnlyTheAudiencesNamedOnIt() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            try await AudienceFixtures.people(server, key: key, 0..<100)
            let (segment, mine) = try await AudienceFixtures.goldAudience(server, key: key)
            let other = try await server.send(
                "POST", "/v1/audiences", key: key, json: #"{"name": "Other", "segmentId": "\#(segment)", "partner": "Rival"}"#)
            let otherID = try #require(other.json["id"] as? String)
            let partner = try await AudienceFixtures.partnerKey(server, key: key, audiences: [mine])
            let reader = try await server.issueKey(tenant: tenant, scopes: [.profilesRead])

            let listed = try await server.send("GET", "/v1/audiences", key: partner)
            let ownDefinition = try await server.send("GET", "/v1/audiences/\(mine)", key: partner)
            let otherDefinition = try await server.send("GET", "/v1/audiences/\(otherID)", key: partner)
            let otherMembers = try await server.send("GET", "/v1/audiences/\(otherID)/members", key: partner)
            let deliveries = try await server.send("GET", "/v1/audiences/\(mine)/deliveries", key: partner)
            let create = try await server.send(
                "POST", "/v1/audiences", key: partner, json: #"{"name": "Mine", "segmentId": "\#(segment)", "partner": "P"}"#)
            let withoutScope = try await server.send("GET", "/v1/audiences/\(mine)/members", key: reader)

            #expect((listed.json["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [mine])
            #expect(ownDefinition.status == 200)
            #expect(otherDefinition.status == 404)
            #expect(otherMembers.status == 404)
            #expect(deliveries.status == 403)
            #expect(create.status == 403)
            #expect(withoutScope.status == 403)
        }
    }

    @Test func aSharedSegmentCannotBeDeletedUntilItsAudienceIs() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let segment = try await SegmentAPITests.create(server, key: key)
            let audience = try await server.send(
                "POST", "/v1/audiences", key: key, json: #"{"name": "A", "segmentId": "\#(segment)", "partner": "P"}"#)
            let id = try #require(audience.json["id"] as? String)

            let refused = try await server.send("DELETE", "/v1/segments/\(segment)", key: key)
            let audienceDeleted = try await server.send("DELETE", "/v1/audiences/\(id)", key: key)
            let segmentDeleted = try await server.send("DELETE", "/v1/segments/\(segment)", key: key)
            let unknownSegment = try await server.send(
                "POST", "/v1/audiences", key: key, json: #"{"name": "A", "segmentId": "\#(UUID())", "partner": "P"}"#)

            #expect(refused.status == 409)
            #expect(audienceDeleted.status == 204)
            #expect(segmentDeleted.status == 204)
            #expect(unknownSegment.status == 422)
            #expect(unknownSegment.json["field"] as? String == "/segmentId")
        }
    }
}
