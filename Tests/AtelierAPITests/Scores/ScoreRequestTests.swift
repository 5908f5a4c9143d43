import AtelierDomain
import Foundation
import Testing

/// Bad requests to the score and offer routes get clear problems, never a crash.
@Suite("Score requests")
struct ScoreRequestTests {
    @Test func malformedIdsMissingScopesAndUnknownProfilesAreRefusedClearly() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let writer = try await server.issueKey(tenant: tenant, scopes: [.eventsWrite])

            let malformed = try await server.send("GET", "/v1/profiles/not-a-uuid'%20OR%201=1/scores", key: key)
            let malformedOffer = try await server.send("GET", "/v1/profiles/%C3%A9t%C3%A9/offer", key: key)
            let unscoped = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/scores", key: writer)
            let unscopedOffer = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/offer", key: writer)
            let unknown = try await server.send("GET", "/v1/profiles/\(UUID().uuidString)/scores", key: key)
            let rules = try await server.send("PUT", "/v1/offers/rules", key: writer, json: "{}")
            let broken = try await server.send("PUT", "/v1/offers/rules", key: key, json: #"{"maxDiscountPercent": "#)

            #expect(malformed.status == 400)
            #expect(malformedOffer.status == 400)
            #expect(unscoped.status == 403)
            #expect(unscopedOffer.status == 403)
            #expect(unknown.status == 404)
            #expect(unknown.json["hint"] as? String != nil)
            #expect(rules.status == 403)
            #expect(broken.status == 400)
        }
    }
}
