import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// `consent_permitted_profiles` (migration 0009), the list the policies probe,
/// `consent_permissions` (0013), and the view the training reads join,
/// `consent_permitted_members` (0014), decide exactly as `consent_permits`, for every purpose, over
/// profiles that granted, withdrew, never chose, were merged, are restricted, and after a
/// purpose's lawful basis changes.
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
                let members = try await server.pool.query(
                    "SELECT profile_id FROM consent_permitted_members WHERE tenant_id = $1 AND purpose = $2 ORDER BY 1",
                    [tenant.id, purpose]
                ).map { try $0.decode(UUID.self, column: "profile_id") }
                #expect(members == all, "the view the training reads join (0014), \(purpose)")
            }
            try await Self.expectStoredPermissionsAgree(server, tenantID: tenant.id)
        }
    }

    @Test func theStoredPermissionsFollowALawfulBasisChangeAndLaterProfiles() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let first = try await ConsentFixtures.profile(server, key: key, email: "a@example.com", userID: "a")
            try await ConsentFixtures.record(server, key: key, profileID: first, #"{"personalization": true}"#)
            let changed = try await server.send(
                "PUT", "/v1/consents/purposes/analytics", key: key, json: #"{"lawfulBasis": "consent"}"#)
            #expect(changed.status == 200)
            _ = try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "b", "traits": {"email": "b@example.com"}}"#)
            let profiles = try await server.pool.query("SELECT 1 FROM profiles WHERE tenant_id = $1", [tenant.id])
            #expect(profiles.count == 2)
            try await Self.expectStoredPermissionsAgree(server, tenantID: tenant.id)
            let analytics = try await server.pool.query(
                "SELECT count(*) AS n FROM consent_permissions WHERE tenant_id = $1 AND purpose = 'analytics'", [tenant.id])
            #expect(try analytics.first?.decode(Int.self, column: "n") == 0)
        }
    }

    @Test func aPurposeRoleReadsOnlyItsOwnPurposesPermissions() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let granted = try await ConsentFixtures.profile(server, key: key, email: "g@example.com", userID: "g")
            _ = try await ConsentFixtures.profile(server, key: key, email: "s@example.com", userID: "s")
            try await ConsentFixtures.record(server, key: key, profileID: granted, #"{"personalization": true}"#)
            let reader = server.database.makePool(size: 1) { $0.sessionRole = ReadPurpose.personalization.databaseRole }
            let rows = try await reader.query(
                "SELECT profile_id, purpose FROM consent_permissions WHERE tenant_id = $1", [tenant.id])
            await reader.close()
            #expect(try rows.map { try $0.decode(String.self, column: "purpose") } == ["personalization"])
            #expect(try rows.map { try $0.decode(UUID.self, column: "profile_id").uuidString.lowercased() } == [granted.lowercased()])
        }
    }

    /// Every (profile, read purpose) of the tenant is in `consent_permissions` exactly when
    /// `consent_permits` says yes.
    private static func expectStoredPermissionsAgree(_ server: APITestServer, tenantID: UUID) async throws {
        let disagreements = try await server.pool.query(
            """
            SELECT p.profile_id, r.purpose FROM profiles p CROSS JOIN unnest(atelier_read_purposes()) AS r(purpose)
            WHERE p.tenant_id = $1
              AND consent_permits(p.tenant_id, p.profile_id, r.purpose) <> EXISTS (
                  SELECT 1 FROM consent_permissions g
                  WHERE g.tenant_id = p.tenant_id AND g.profile_id = p.profile_id AND g.purpose = r.purpose)
            """, [tenantID])
        #expect(disagreements.isEmpty)
        let orphans = try await server.pool.query(
            """
            SELECT 1 FROM consent_permissions g WHERE g.tenant_id = $1
              AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.tenant_id = g.tenant_id AND p.profile_id = g.profile_id)
            """, [tenantID])
        #expect(orphans.isEmpty)
    }
}
