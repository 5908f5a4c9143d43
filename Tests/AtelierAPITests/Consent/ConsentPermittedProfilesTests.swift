import AtelierDomain
import Foundation
import Testing

/// `consent_permitted_profiles` (migration 0009) decides exactly as `consent_permits`, for every
/// purpose, over profiles that granted, withdrew, never chose, were merged or are restricted.
@Suite("Consent: permitted profiles at once")
struct ConsentPermittedProfilesTests {
    @Test func theSetBasedDecisionAgreesWithTheOneProfileDecision() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            var profiles: [String] = []
            for index in 0..<5 {
                profiles.append(
                    try await ConsentFixtures.profile(server, key: key, email: "p\(index)@example.com", userID: "p\(index)"))
            }
            try await ConsentFixtures.record(server, key: key, profileID: profiles[0], #"{"personalization": true, "analytics": true}"#)
            try await ConsentFixtures.record(server, key: key, profileID: profiles[1], #"{"analytics": false}"#)
            try await ConsentFixtures.record(server, key: key, profileID: profiles[2], #"{"marketing_email": true}"#)
            try await server.pool.execute(
                "INSERT INTO processing_restrictions (tenant_id, profile_id) VALUES ($1, $2)",
                [tenant.id, try #require(UUID(uuidString: profiles[3]))])
            _ = try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "p4", "traits": {"email": "p0@example.com"}}"#)

            for purpose in ReadPurpose.allCases.map(\.rawValue) + ["loyalty"] {
                let one = try await server.pool.query(
                    "SELECT profile_id FROM profiles WHERE tenant_id = $1 AND consent_permits(tenant_id, profile_id, $2) ORDER BY 1",
                    [tenant.id, purpose]
                ).map { try $0.decode(UUID.self, column: "profile_id") }
                let all = try await server.pool.query(
                    "SELECT profile_id FROM consent_permitted_profiles($1, $2) ORDER BY 1", [tenant.id, purpose]
                ).map { try $0.decode(UUID.self, column: "profile_id") }
                #expect(one == all, "\(purpose)")
            }
        }
    }
}
