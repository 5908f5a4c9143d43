import AtelierCrypto
import AtelierPostgres
import Foundation

/// The migrated template databases test databases are copied from: one per migrations content,
/// so a test gets its schema with one `CREATE DATABASE … TEMPLATE` instead of running every
/// migration itself.
///
/// A template is named after the SHA-256 of its migrations (file names and checksums), so an
/// edited or added migration makes a new one and a stale template is never used. Built under a
/// PostgreSQL advisory lock, so test processes sharing a server build each template once; marked
/// `IS_TEMPLATE` only when fully migrated, so a build cut short is dropped and redone.
actor MigratedTemplates {
    static let shared = MigratedTemplates()

    private var builds: [String: Task<String, any Error>] = [:]

    /// The name of the template database holding `directory`'s migrations, built if missing.
    func template(for directory: URL, adminURL: String) async throws -> String {
        let migrations = try MigrationRunner(directory: directory, logger: TestDatabase.logger).migrations()
        let fingerprint = migrations.map { "\($0.fileName):\($0.checksum)" }.joined(separator: "\n")
        let name = "atelier_template_" + Hex.encode(Digest.sha256(fingerprint).prefix(8))
        if let build = builds[name] {
            return try await build.value
        }
        let build = Task { try await Self.build(name, from: directory, adminURL: adminURL) }
        builds[name] = build
        return try await build.value
    }

    private static func build(_ name: String, from directory: URL, adminURL: String) async throws -> String {
        try await TestDatabase.withAdminConnection(adminURL) { connection in
            _ = try await connection.query("SELECT pg_advisory_lock(hashtext('atelier_test_templates'))")
            do {
                let existing = try await connection.query(
                    "SELECT datistemplate FROM pg_database WHERE datname = $1", [name])
                let complete = try existing.first?.decode(Bool.self, column: "datistemplate")
                if complete != true {
                    if complete == false {
                        try await connection.executeScript("DROP DATABASE \"\(name)\" WITH (FORCE)")
                    }
                    try await connection.executeScript("CREATE DATABASE \"\(name)\"")
                    try await migrate(name, from: directory, adminURL: adminURL)
                    try await connection.executeScript("ALTER DATABASE \"\(name)\" IS_TEMPLATE true")
                }
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(hashtext('atelier_test_templates'))")
                throw error
            }
            _ = try await connection.query("SELECT pg_advisory_unlock(hashtext('atelier_test_templates'))")
        }
        return name
    }

    private static func migrate(_ name: String, from directory: URL, adminURL: String) async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: adminURL, database: name, poolSize: 1, connectTimeout: TestDatabase.connectTimeout,
                applicationName: "atelier-tests"),
            logger: TestDatabase.logger)
        do {
            try await MigrationRunner(directory: directory, logger: TestDatabase.logger).migrate(pool: pool)
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }
}
