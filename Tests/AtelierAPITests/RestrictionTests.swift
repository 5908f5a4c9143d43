import AtelierAPI
import AtelierDomain
import Foundation
import Testing

/// Restriction of processing: every profile of the subject is marked restricted (the consent
/// layer then permits no purpose), and lifting it removes the marks.
@Suite("Restriction of processing")
struct RestrictionTests {
    @Test func aRestrictionMarksEveryProfileOfTheSubjectAndLiftingItRemovesTheMarks() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await TrackingFixtures.send(server, key: key, "page", #"{"anonymousId": "cookie-r", "name": "Home"}"#)
            try await TrackingFixtures.send(
                server, key: key, "identify",
                #"{"userId": "u-r", "anonymousId": "cookie-r", "traits": {"email": "r@example.com"}}"#)
            try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "u-other", "traits": {"email": "o@example.com"}}"#)
            let view = try #require(try await TrackingFixtures.profile(server, key: key, "user_id:u-r"))
            let id = try await PrivacyFixtures.submit(
                server, key: key,
                PrivacyFixtures.request(type: "restriction", identities: [("email", "r@example.com", "raw")]))
            await PrivacyFixtures.drain(server)

            let status = try await PrivacyFixtures.status(server, key: key, id)
            let restricted = try await server.pool.query(
                "SELECT profile_id FROM processing_restrictions WHERE request_id = $1 ORDER BY profile_id",
                [UUID(uuidString: id)])
            #expect(status["request_status"] as? String == "completed")
            #expect(
                try await TrackingFixtures.profile(server, key: key, "user_id:u-r") == nil,
                "a restricted profile is visible for no purpose")
            #expect(try await TrackingFixtures.profile(server, key: key, "user_id:u-other") != nil)
            #expect(
                ((status["results"] as? [String: Any])?["restriction"] as? [String: Any])?["restricted_profiles"]
                    as? Int == 1)
            #expect(
                try restricted.map { try $0.decode(UUID.self, column: "profile_id").uuidString.lowercased() }
                    == (view["profileIds"] as? [String])?.sorted())
            #expect(
                try await server.pool.query("SELECT * FROM processing_restrictions").count == restricted.count,
                "no one else")

            let lifted = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)
            let again = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)
            #expect(lifted.status == 200)
            #expect(lifted.json["request_status"] as? String == "completed")
            #expect(lifted.json["restriction_lifted_time"] is String)
            #expect(again.status == 409)
            #expect(try await server.pool.query("SELECT * FROM processing_restrictions").isEmpty)
            #expect(try await TrackingFixtures.profile(server, key: key, "user_id:u-r") != nil, "lifted: visible again")
        }
    }

    @Test func anErasureRemovesTheRestrictionsOfTheProfilesItErases() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "u-r", "traits": {"email": "r@example.com"}}"#)
            try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(type: "restriction", identities: [("user_id", "u-r", "raw")]))
            await PrivacyFixtures.drain(server)
            try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: [("user_id", "u-r", "raw")]))
            await PrivacyFixtures.drain(server)
            #expect(try await server.pool.query("SELECT * FROM processing_restrictions").isEmpty)
        }
    }
}
