import AtelierDomain
import AtelierPostgres
import AtelierTestSupport
import Foundation
import Testing

/// The database side of enforcement: every table holding a profile's data is filtered for
/// every purpose role, and those roles can only read. A migration adding a personal table
/// without `protect_personal_table` fails here.
@Suite("Consent enforcement in the schema")
struct ConsentEnforcementSchemaTests {
    @Test func everyTableWithProfileDataIsFilteredForEveryPurposeRoleOrClosedToIt() async throws {
        try await TestDatabase.with(migrationsDirectory: TestDatabase.repositoryMigrations) { database in
            let pool = database.makePool(size: 1)
            let rows = try await pool.query(
                """
                SELECT c.relname AS table_name, r.rolname AS role_name,
                    has_table_privilege(r.oid, c.oid, 'SELECT') AS can_select,
                    c.relrowsecurity AS secured,
                    EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND r.oid = ANY(p.polroles)
                            AND p.polcmd = 'r') AS filtered
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                CROSS JOIN pg_roles r
                WHERE c.relkind IN ('r', 'p', 'v', 'm') AND r.rolname LIKE 'atelier_purpose_%'
                  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped
                              AND a.attname IN ('profile_id', 'survivor_id', 'absorbed_id'))
                """)
            #expect(rows.count >= 10 * ReadPurpose.allCases.count)
            for row in rows {
                let table = try row.decode(String.self, column: "table_name")
                let role = try row.decode(String.self, column: "role_name")
                let canSelect = try row.decode(Bool.self, column: "can_select")
                let filtered = try row.decode(Bool.self, column: "secured") && row.decode(Bool.self, column: "filtered")
                #expect(!canSelect || filtered, "\(role) reads \(table) unfiltered")
            }
            await pool.close()
        }
    }

    @Test func purposeRolesCanOnlyRead() async throws {
        try await TestDatabase.with(migrationsDirectory: TestDatabase.repositoryMigrations) { database in
            let pool = database.makePool(size: 1)
            let writable = try await pool.query(
                """
                SELECT c.relname, r.rolname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                CROSS JOIN pg_roles r
                WHERE c.relkind = 'r' AND r.rolname LIKE 'atelier_purpose_%'
                  AND (has_table_privilege(r.oid, c.oid, 'INSERT') OR has_table_privilege(r.oid, c.oid, 'UPDATE')
                       OR has_table_privilege(r.oid, c.oid, 'DELETE') OR has_table_privilege(r.oid, c.oid, 'TRUNCATE'))
                """)
            #expect(writable.isEmpty)
            await pool.close()
        }
    }

    @Test func aQueryWithoutAnyFilterSeesOnlyPermittedProfilesWhenRunAsAPurposeRole() async throws {
        try await TestDatabase.with(migrationsDirectory: TestDatabase.repositoryMigrations) { database in
            let owner = database.makePool(size: 1)
            let tenant = try await TenantDirectory(pool: owner).create(name: "Schema", slug: "schema-test")
            let calls = ["granted", "silent"].map { user in
                TrackingCall(
                    type: .track, messageID: "m-\(user)", event: "Viewed", userID: user, anonymousID: nil, previousID: nil,
                    groupID: nil, timestamp: nil, sentAt: nil, channel: "web",
                    identifiers: [RawIdentifier(type: "user_id", value: user, field: "/userId", isRequired: true)],
                    profileTraits: [:], properties: "{}", traits: "{}", context: "{}", integrations: "{}")
            }
            _ = try await IngestionService(pool: owner).ingest(tenantID: tenant.id, calls: calls)
            let granted = try #require(
                try await owner.query(
                    "SELECT profile_id FROM profile_identifiers WHERE tenant_id = $1 AND value = 'granted'", [tenant.id]
                ).first?.decode(UUID.self, column: "profile_id"))
            _ = try await ConsentLedger(pool: owner).record(
                tenantID: tenant.id, profileID: granted,
                statement: ConsentStatement(
                    choices: [try Purpose("personalization", field: "/"): true], source: .api, policyVersion: nil,
                    occurredAt: Date(), proof: .none), by: .system)
            let reader = database.makePool(size: 1) { $0.sessionRole = ReadPurpose.personalization.databaseRole }

            let events = try await reader.query("SELECT profile_id FROM events")
            let identifiers = try await reader.query("SELECT value FROM profile_identifiers")
            #expect(try events.map { try $0.decode(UUID.self, column: "profile_id") } == [granted])
            #expect(try identifiers.map { try $0.decode(String.self, column: "value") } == ["granted"])
            await #expect(throws: PostgresError.self) {
                try await reader.query("SELECT count(*) FROM consent_decisions")
            }
            await #expect(throws: PostgresError.self) {
                try await reader.execute("DELETE FROM events")
            }
            await reader.close()
            await owner.close()
        }
    }
}
