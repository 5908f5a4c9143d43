import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Segment's HTTP Tracking API, end to end: the spec's own payloads, its authentication,
/// idempotency under concurrent retries, partial batches and limits.
@Suite("Segment tracking API")
struct TrackingTests {
    @Test(arguments: TrackingFixtures.specExamples.map(\.type))
    func everyCallTypeAcceptsTheSpecsExample(type: String) async throws {
        let body = try #require(TrackingFixtures.specExamples.first { $0.type == type }?.body)
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let response = try await server.send("POST", "/v1/\(type)", key: key, json: body)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["success"] as? Bool == true)

            let userID = type == "alias" ? "507f1f77bcf86cd799439011" : "97980cfea0067"
            let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:\(userID)"))
            let events = try await TrackingFixtures.timeline(server, key: key, profileID: profileID)
            #expect(events.map { $0["type"] as? String } == [type])
            #expect(events.first?["messageId"] as? String == "022bb90c-bbac-11e4-8dfc-aa07a5b093db")
            if type == "alias" {
                #expect(try await TrackingFixtures.profileID(server, key: key, "anonymous_id:39239-239239-239239-23923") == profileID)
            }
            if type == "identify" {
                let profile = try #require(try await TrackingFixtures.profile(server, key: key, "email:peter@example.com"))
                let traits = try #require(profile["traits"] as? [String: [String: Any]])
                #expect(traits["name"]?["value"] as? String == "Peter Gibbons")
                #expect(traits["logins"]?["value"] as? Int == 5)
                #expect(traits["name"]?["source"] as? String == "web")
            }
        }
    }

    @Test func theSpecsBatchExampleIsStoredWithTheEnvelopesContext() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let response = try await server.send("POST", "/v1/batch", key: key, json: TrackingFixtures.specBatch)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["accepted"] as? Int == 4)
            #expect((response.json["errors"] as? [Any])?.isEmpty == true)

            let cindy = try #require(try await TrackingFixtures.profile(server, key: key, "email:cindy@example.com"))
            let traits = try #require(cindy["traits"] as? [String: [String: Any]])
            #expect(traits["name"]?["value"] as? String == "Cindy Gonzalez")
            let events = try await TrackingFixtures.timeline(server, key: key, profileID: try #require(cindy["id"] as? String))
            #expect(events.count == 2)
            let device = (events.first?["context"] as? [String: Any])?["device"] as? [String: Any]
            #expect(device?["name"] as? String == "Apple iPhone 6")
        }
    }

    @Test func basicAuthWithTheKeyAsUserNameIsAcceptedAsSegmentLibrariesSendIt() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let credentials = Data("\(key):".utf8).base64EncodedString()
            let response = try await server.send(
                "POST", "/v1/track",
                json: #"""
                    {"userId": "019mr8mf4r", "event": "Item Purchased",
                     "properties": {"name": "Leap to Conclusions Mat", "revenue": 14.99},
                     "context": {"ip": "24.5.68.47"}, "timestamp": "2012-12-02T00:30:12.984Z"}
                    """#,
                headers: [("Authorization", "Basic \(credentials)")])
            #expect(response.status == 200, "\(response.text)")
            #expect(try await TrackingFixtures.profileID(server, key: key, "user_id:019mr8mf4r") != nil)
        }
    }

    @Test func concurrentDuplicatesOfOneMessageAreAcknowledgedAndStoredOnce() async throws {
        try await APITestServer.with(poolSize: 8) { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let body = #"{"userId": "dup-1", "event": "Bag Viewed", "messageId": "retry-me"}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await server.send("POST", "/v1/track", key: key, json: body).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 10))
            let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:dup-1"))
            #expect(try await TrackingFixtures.timeline(server, key: key, profileID: profileID).count == 1)

            let batch = try await server.send(
                "POST", "/v1/batch", key: key,
                json: #"{"batch": [{"type": "track", "userId": "dup-1", "event": "Bag Viewed", "messageId": "retry-me"}]}"#)
            #expect(batch.status == 200)
            #expect(batch.json["accepted"] as? Int == 0)
            #expect(batch.json["duplicates"] as? Int == 1)
        }
    }

    @Test func concurrentSingleCallsStoredTogetherEachGetTheirOwnAnswer() async throws {
        try await APITestServer.with(poolSize: 8) { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let bodies = (0..<30).map { #"{"userId": "crowd-\#($0 % 3)", "event": "Bag Viewed", "messageId": "m-\#($0)"}"# }
                + [#"{"event": "Nobody", "messageId": "m-invalid"}"#]
            let answers = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for body in bodies {
                    group.addTask { (body, try await server.send("POST", "/v1/track", key: key, json: body).status) }
                }
                return try await group.reduce(into: [String: Int]()) { $0[$1.0] = $1.1 }
            }
            #expect(answers.filter { $0.value == 200 }.count == 30)
            #expect(answers[#"{"event": "Nobody", "messageId": "m-invalid"}"#] == 422)
            var stored = 0
            for user in 0..<3 {
                let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:crowd-\(user)"))
                stored += try await TrackingFixtures.timeline(server, key: key, profileID: profileID).count
            }
            #expect(stored == 30)
        }
    }

    @Test func aBatchStoresItsGoodCallsAndReportsTheOthersByIndex() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let response = try await server.send(
                "POST", "/v1/batch", key: key,
                json: #"""
                    {"batch": [
                      {"type": "track", "userId": "good-1", "event": "Bag Viewed"},
                      {"type": "track", "event": "Nobody"},
                      {"type": "track", "userId": "u-2"},
                      {"type": "identify", "userId": "u-3", "traits": "not an object"},
                      {"type": "purchase", "userId": "u-4"},
                      {"type": "track", "userId": "u-5", "event": "E", "context": {"externalIds": [{"id": "not-an-email", "type": "email"}]}},
                      {"type": "page", "anonymousId": "good-2", "name": "Home"}
                    ]}
                    """#)
            #expect(response.status == 200, "\(response.text)")
            #expect(response.json["accepted"] as? Int == 2)
            let errors = try #require(response.json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["index"] as? Int } == [1, 2, 3, 4, 5])
            #expect(errors.map { $0["field"] as? String } == ["/userId", "/event", "/traits", "/type", "/context/externalIds/0/id"])
            #expect(try await TrackingFixtures.profileID(server, key: key, "user_id:good-1") != nil)
            #expect(try await TrackingFixtures.profileID(server, key: key, "anonymous_id:good-2") != nil)
            #expect(try await TrackingFixtures.profileID(server, key: key, "user_id:u-5") == nil)
        }
    }

    @Test func aBatchWithNoStorableCallIsAProblemListingEveryError() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let response = try await server.send(
                "POST", "/v1/batch", key: key, json: #"{"batch": [{"type": "track"}, {"type": "alias", "userId": "x"}]}"#)
            #expect(response.status == 422)
            #expect(response.header("Content-Type") == "application/problem+json")
            let errors = try #require(response.json["errors"] as? [[String: Any]])
            #expect(errors.map { $0["index"] as? Int } == [0, 1])

            let empty = try await server.send("POST", "/v1/batch", key: key, json: #"{"batch": []}"#)
            #expect(empty.status == 422)
            let missing = try await server.send("POST", "/v1/batch", key: key, json: #"{"events": []}"#)
            #expect(missing.status == 422)
            #expect(missing.json["field"] as? String == "/batch")
        }
    }

    @Test func anOversizedCallIs413AndAnOversizedBatchItemIsReportedAlone() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let padding = String(repeating: "x", count: 33 * 1024)
            let single = try await server.send(
                "POST", "/v1/track", key: key,
                json: #"{"userId": "big", "event": "E", "properties": {"p": "\#(padding)"}}"#)
            #expect(single.status == 413)
            #expect(single.header("Content-Type") == "application/problem+json")

            let batch = try await server.send(
                "POST", "/v1/batch", key: key,
                json: #"""
                    {"batch": [{"type": "track", "userId": "big", "event": "E", "properties": {"p": "\#(padding)"}},
                               {"type": "track", "userId": "small", "event": "E"}]}
                    """#)
            #expect(batch.status == 200)
            #expect(batch.json["accepted"] as? Int == 1)
            #expect((batch.json["errors"] as? [[String: Any]])?.first?["index"] as? Int == 0)

            let hugeBatch = String(repeating: #"{"type": "track", "userId": "u", "event": "\#(padding)"},"#, count: 16)
            let tooLarge = try await server.send("POST", "/v1/batch", key: key, json: #"{"batch": [\#(hugeBatch.dropLast())]}"#)
            #expect(tooLarge.status == 413)
        }
    }

    @Test func malformedJSONAndWrongTypesAreClearProblems() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite])
            let malformed = try await server.send("POST", "/v1/track", key: key, json: #"{"userId": "u", "event": }"#)
            #expect(malformed.status == 400)
            #expect(malformed.json["type"] as? String == "https://atelier.dev/problems/malformed-json")

            let wrongType = try await server.send("POST", "/v1/track", key: key, json: #"{"userId": {"id": 1}, "event": "E"}"#)
            #expect(wrongType.status == 422)
            #expect(wrongType.json["field"] as? String == "/userId")

            let wrongCall = try await server.send("POST", "/v1/identify", key: key, json: #"{"type": "track", "userId": "u"}"#)
            #expect(wrongCall.status == 422)
            #expect(wrongCall.json["field"] as? String == "/type")

            let noIdentity = try await server.send("POST", "/v1/track", key: key, json: #"{"event": "E"}"#)
            #expect(noIdentity.status == 422)
            #expect(noIdentity.json["field"] as? String == "/userId")

            let badDate = try await server.send(
                "POST", "/v1/track", key: key, json: #"{"userId": "u", "event": "E", "timestamp": "yesterday"}"#)
            #expect(badDate.status == 422)
            #expect(badDate.json["field"] as? String == "/timestamp")

            let nul = try await server.send(
                "POST", "/v1/track", key: key, json: #"{"userId": "u", "event": "E", "properties": {"a": "x\u0000y"}}"#)
            #expect(nul.status == 422)

            let readOnly = try await server.makeTenant(scopes: [.profilesRead])
            let forbidden = try await server.send("POST", "/v1/track", key: readOnly.key, json: #"{"userId": "u", "event": "E"}"#)
            #expect(forbidden.status == 403)
        }
    }

    @Test func aRefusedCallDoesNotUseUpItsMessageID() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let refused = try await server.send(
                "POST", "/v1/track", key: key,
                json: #"{"userId": "fix", "event": "E", "messageId": "m-1", "context": {"externalIds": [{"id": "nope", "type": "email"}]}}"#)
            #expect(refused.status == 422)
            #expect(refused.json["field"] as? String == "/context/externalIds/0/id")
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "fix", "event": "E", "messageId": "m-1", "context": {"externalIds": [{"id": "fix@example.com", "type": "email"}]}}"#)
            let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "email:fix@example.com"))
            #expect(try await TrackingFixtures.timeline(server, key: key, profileID: profileID).count == 1)
        }
    }

    @Test func unicodeAndSQLMetacharactersAreStoredVerbatim() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let note = #"Robert'); DROP TABLE events;-- \ "quoted" \t 100% _under_ $1"#
            let body = try JSONSerialization.data(withJSONObject: [
                "userId": "Ünïcødé-用户-🧵", "event": "Note Added",
                "properties": ["note": note, "emoji": "👜 Hermès — ça coûte 9 500 €", "nested": ["arr": [1, 2.5, true]]],
            ])
            try await TrackingFixtures.send(server, key: key, "track", String(decoding: body, as: UTF8.self))

            let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:Ünïcødé-用户-🧵"))
            let events = try await TrackingFixtures.timeline(server, key: key, profileID: profileID)
            let properties = try #require(events.first?["properties"] as? [String: Any])
            #expect(properties["note"] as? String == note)
            #expect(properties["emoji"] as? String == "👜 Hermès — ça coûte 9 500 €")
            let stored = try await server.pool.query(
                "SELECT properties->'nested'->>'arr' AS arr, user_id FROM events WHERE message_id = $1",
                [try #require(events.first?["messageId"] as? String)])
            #expect(try stored.first?.decode(String.self, column: "arr") == "[1, 2.5, true]")
            #expect(try stored.first?.decode(String.self, column: "user_id") == "Ünïcødé-用户-🧵")

            try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "esc", "event": "E", "messageId": "escaped", "properties": {"s": "\u00e9\ud83d\udc5c\n\"\/", "big": 12345678901234567890, "neg": -0.5e-3}}"#)
            let escaped = try await server.pool.query(
                "SELECT properties->>'s' AS s, properties->>'big' AS big, properties->>'neg' AS neg FROM events WHERE message_id = 'escaped'")
            #expect(try escaped.first?.decode(String.self, column: "s") == "é👜\n\"/")
            #expect(try escaped.first?.decode(String.self, column: "big") == "12345678901234567000")
            #expect(try escaped.first?.decode(String.self, column: "neg") == "-0.0005")
        }
    }

    @Test func clockSkewIsCorrectedFromSentAtAsSegmentDoes() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.eventsWrite, .profilesRead])
            let before = Date()
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"{"userId": "skewed", "event": "E", "timestamp": "2001-01-01T00:00:00Z", "sentAt": "2001-01-01T00:01:00Z"}"#)
            let profileID = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:skewed"))
            let event = try #require(try await TrackingFixtures.timeline(server, key: key, profileID: profileID).first)
            let format = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
            let occurredAt = try format.parse((event["occurredAt"] as? String) ?? "")
            let receivedAt = try format.parse((event["receivedAt"] as? String) ?? "")
            #expect(abs(receivedAt.timeIntervalSince(occurredAt) - 60) < 1)
            #expect(receivedAt >= before.addingTimeInterval(-1))
        }
    }
}
