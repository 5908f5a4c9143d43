import AtelierDomain
import Foundation
import Testing

/// The single customer view: traits, experience, timeline pages, merged ids, contract.
@Suite("Single customer view")
struct ProfileViewTests {
    @Test func aProfileReadRightAfterAWriteShowsIt() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            try await TrackingFixtures.send(
                server, key: key, "track", #"{"userId": "ryw", "event": "Bag Viewed", "context": {"channel": "browser"}}"#)
            let profile = try #require(try await TrackingFixtures.profile(server, key: key, "user_id:ryw"))
            #expect(profile["lastSeenAt"] is String)
            #expect((profile["channels"] as? [[String: Any]])?.first?["channel"] as? String == "web")
            #expect((profile["purchases"] as? [String: Any])?["orders"] as? Int == 0)

            let schemas = try OpenAPIContractTests.document.get().schemaProperties
            #expect(Set(profile.keys).isSubset(of: try #require(schemas["Profile"])))
            let id = try #require(profile["id"] as? String)
            let page = try await server.send("GET", "/v1/profiles/\(id)/events?purpose=analytics", key: key)
            #expect(Set(page.json.keys) == schemas["TimelinePage"])
            let event = try #require((page.json["data"] as? [[String: Any]])?.first)
            #expect(Set(event.keys) == schemas["TimelineEvent"])
        }
    }

    @Test func traitsAreLastWriteWinsByEventTimeWithTheirSource() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            try await TrackingFixtures.send(
                server, key: key, "identify",
                #"{"userId": "t", "traits": {"name": "Ann", "tier": "gold"}, "timestamp": "2024-05-02T10:00:00Z", "context": {"channel": "store"}}"#)
            try await TrackingFixtures.send(
                server, key: key, "identify",
                #"{"userId": "t", "traits": {"name": "Annie"}, "timestamp": "2024-05-01T10:00:00Z", "context": {"app": {"name": "Atelier"}}}"#)
            try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "t", "traits": {"tier": "platinum"}, "timestamp": "2024-05-03T10:00:00Z"}"#)
            let profile = try #require(try await TrackingFixtures.profile(server, key: key, "user_id:t"))
            let traits = try #require(profile["traits"] as? [String: [String: Any]])
            #expect(traits["name"]?["value"] as? String == "Ann")
            #expect(traits["name"]?["source"] as? String == "store")
            #expect(traits["tier"]?["value"] as? String == "platinum")
        }
    }

    @Test func experienceEventsShowTheLatestNPSAndOpenComplaints() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let events = [
                #"{"event": "NPS Submitted", "properties": {"score": 9}, "timestamp": "2024-01-01T10:00:00Z"}"#,
                #"{"event": "NPS Submitted", "properties": {"score": 3}, "timestamp": "2024-03-01T10:00:00Z"}"#,
                #"{"event": "Complaint Opened", "properties": {"complaintId": "c-1", "topic": "delay"}, "timestamp": "2024-02-01T10:00:00Z"}"#,
                #"{"event": "Complaint Opened", "properties": {"complaintId": "c-2", "topic": "stitching"}, "timestamp": "2024-02-02T10:00:00Z"}"#,
                #"{"event": "Complaint Resolved", "properties": {"complaintId": "c-1"}, "timestamp": "2024-02-05T10:00:00Z"}"#,
            ]
            for event in events {
                try await TrackingFixtures.send(server, key: key, "track", #"{"userId": "xp", "# + event.dropFirst())
            }
            let profile = try #require(try await TrackingFixtures.profile(server, key: key, "user_id:xp"))
            let experience = try #require(profile["experience"] as? [String: Any])
            #expect((experience["latestNps"] as? [String: Any])?["score"] as? Double == 3)
            let open = try #require(experience["openComplaints"] as? [[String: Any]])
            #expect(open.map { $0["complaintId"] as? String } == ["c-2"])
            #expect((open.first?["properties"] as? [String: Any])?["topic"] as? String == "stitching")
        }
    }

    @Test func theTimelinePagesWithACursorAndFilters() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            var batch: [String] = []
            for day in 1...7 {
                let type = day % 2 == 0 ? #""type": "page", "name": "Home""# : #""type": "track", "event": "Bag Viewed""#
                batch.append(#"{"userId": "tl", \#(type), "timestamp": "2024-05-0\#(day)T10:00:00Z"}"#)
            }
            let stored = try await server.send("POST", "/v1/batch", key: key, json: #"{"batch": [\#(batch.joined(separator: ","))]}"#)
            #expect(stored.json["accepted"] as? Int == 7)
            let id = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:tl"))

            let all = try await TrackingFixtures.timeline(server, key: key, profileID: id)
            let times = all.compactMap { $0["occurredAt"] as? String }
            #expect(times.count == 7)
            #expect(times == times.sorted(by: >))
            #expect(Set(all.compactMap { $0["id"] as? String }).count == 7)

            #expect(try await TrackingFixtures.timeline(server, key: key, profileID: id, filters: "&type=page").count == 3)
            #expect(
                try await TrackingFixtures.timeline(server, key: key, profileID: id, filters: "&event=Bag%20Viewed").count == 4)
            let window = try await TrackingFixtures.timeline(
                server, key: key, profileID: id, filters: "&since=2024-05-02T00:00:00Z&until=2024-05-04T10:00:00Z")
            #expect(window.count == 2)

            let badCursor = try await server.send("GET", "/v1/profiles/\(id)/events?cursor=nonsense&purpose=analytics", key: key)
            #expect(badCursor.status == 422)
            let badLimit = try await server.send("GET", "/v1/profiles/\(id)/events?limit=0&purpose=analytics", key: key)
            #expect(badLimit.status == 400)
            let unknown = try await server.send("GET", "/v1/profiles/\(UUID())/events?purpose=analytics", key: key)
            #expect(unknown.status == 404)
        }
    }

    @Test func anAbsorbedIdAnswersWithTheLiveProfile() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            try await TrackingFixtures.send(server, key: key, "page", #"{"anonymousId": "old-cookie", "name": "Home"}"#)
            try await TrackingFixtures.send(server, key: key, "track", #"{"userId": "late", "event": "Signed Up"}"#)
            let absorbed = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:late"))
            try await TrackingFixtures.send(server, key: key, "alias", #"{"previousId": "old-cookie", "userId": "late"}"#)

            let response = try await server.send("GET", "/v1/profiles/\(absorbed)?purpose=analytics", key: key)
            #expect(response.status == 200)
            let live = try #require(response.json["id"] as? String)
            #expect(live != absorbed)
            #expect(response.json["requestedId"] as? String == absorbed)
            #expect(response.header("Content-Location") == "/v1/profiles/\(live)")
            #expect((response.json["profileIds"] as? [String])?.sorted() == [absorbed, live].sorted())
        }
    }
}
