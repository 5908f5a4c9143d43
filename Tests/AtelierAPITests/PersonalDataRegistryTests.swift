import AtelierDomain
import AtelierPostgres
import AtelierTestSupport
import Foundation
import Testing

/// Erasure and exports are driven by `PersonalDataRegistry` alone, so a table of personal
/// data that is not registered would survive an erasure. These fail when a migration adds one
/// without registering it.
@Suite("Personal-data registry")
struct PersonalDataRegistryTests {
    /// Tables with a profile column that hold no personal data of their own; each says why.
    static let exempt: [String: String] = [:]

    @Test func everyTableWithAProfileColumnIsRegistered() async throws {
        try await TestDatabase.with(migrationsDirectory: TestDatabase.repositoryMigrations) { database in
            let pool = database.makePool(size: 1)
            let rows = try await pool.query(
                """
                SELECT DISTINCT c.table_name FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND c.column_name ~ 'profile_id'
                ORDER BY 1
                """)
            let withProfiles = Set(try rows.map { try $0.decode(String.self, column: "table_name") })
            #expect(withProfiles.contains("events"), "the query sees the schema")
            let missing = withProfiles.subtracting(PersonalDataRegistry.tableNames).subtracting(Self.exempt.keys)
            #expect(missing.isEmpty, "register in PersonalDataRegistry: \(missing.sorted())")
        }
    }

    @Test func everyRegisteredTableExistsOnce() async throws {
        try await TestDatabase.with(migrationsDirectory: TestDatabase.repositoryMigrations) { database in
            let pool = database.makePool(size: 1)
            let rows = try await pool.query(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
            let tables = Set(try rows.map { try $0.decode(String.self, column: "table_name") })
            let names = PersonalDataRegistry.tableNames
            #expect(Set(names).isSubset(of: tables), "\(Set(names).subtracting(tables))")
            #expect(Set(names).count == names.count)
        }
    }
}
