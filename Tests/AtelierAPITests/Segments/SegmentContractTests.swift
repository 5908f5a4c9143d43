import Foundation
import Testing

/// The segment and audience responses carry exactly the properties `openapi/openapi.yaml`
/// declares for them.
@Suite("Segment and audience contract")
struct SegmentContractTests {
    @Test func responsesCarryExactlyTheirSchemasProperties() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await AudienceFixtures.people(server, key: key, 0..<100)
            let (segment, audience) = try await AudienceFixtures.goldAudience(server, key: key)
            let segmentResponse = try await server.send("GET", "/v1/segments/\(segment)", key: key)
            let preview = try await server.send("POST", "/v1/segments/preview", key: key, json: #"{"rule": {"identifier": {"type": "email"}}}"#)
            let members = try await server.send("GET", "/v1/segments/\(segment)/members?limit=1", key: key)
            let profileSegments = try await server.send("GET", "/v1/profiles/\(ids[0]!)/segments?purpose=analytics", key: key)
            let audienceResponse = try await server.send("GET", "/v1/audiences/\(audience)", key: key)
            let pull = try await server.send("GET", "/v1/audiences/\(audience)/members?limit=1", key: key)
            let deliveries = try await server.send("GET", "/v1/audiences/\(audience)/deliveries", key: key)
            let row = try #require(try JSONSerialization.jsonObject(with: Data(pull.body)) as? [String: Any])

            #expect(Set(segmentResponse.json.keys) == schemas["Segment"])
            #expect(Set(preview.json.keys) == schemas["SegmentPreview"])
            #expect(Set(members.json.keys) == schemas["SegmentSpellPage"])
            #expect(Set(try #require((members.json["data"] as? [[String: Any]])?.first).keys) == schemas["SegmentSpell"])
            #expect(Set(try #require((profileSegments.json["data"] as? [[String: Any]])?.first).keys) == schemas["ProfileSegment"])
            #expect(Set(audienceResponse.json.keys) == schemas["Audience"])
            #expect(Set(try #require((deliveries.json["data"] as? [[String: Any]])?.first).keys) == schemas["AudienceDelivery"])
            #expect(Set(row.keys).isSubset(of: try #require(schemas["AudienceMemberRow"])))
            #expect(pull.header("Content-Type") == "application/x-ndjson")
        }
    }
}
