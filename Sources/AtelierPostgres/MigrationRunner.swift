import Foundation
import Logging

/// Applies `migrations/NNNN_name.sql` files in version order, each in its own transaction,
/// recording version, name, checksum, time and duration in `schema_migrations`.
///
/// A session-level advisory lock is held while migrating, so several processes starting
/// at once (a rolling deploy, API and worker together) apply each migration exactly once:
/// the first migrates, the others wait, then find nothing left to do. Files must not
/// contain transaction control, nor statements that cannot run in a transaction
/// (`CREATE INDEX CONCURRENTLY`).
public struct MigrationRunner: Sendable {
    /// Key of the advisory lock ("AtelierM" in ASCII); any process migrating this database holds it.
    static let lockKey: Int64 = 0x4174_656C_6965_724D

    public let directory: URL
    private let logger: Logger

    public init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// `ATELIER_MIGRATIONS_DIR` if set; otherwise the nearest `migrations` folder with
    /// `NNNN_*.sql` files above the working directory, then above the executable.
    public static func locateDirectory() -> URL? {
        MigrationDirectory.locate()
    }

    /// The migrations on disk, validated (names, duplicate versions), by ascending version.
    public func migrations() throws -> [Migration] {
        try MigrationDirectory.load(directory)
    }

    /// Applies every pending migration and returns those this call applied (empty when
    /// up to date). Refuses, before changing anything, when an applied file was edited or
    /// removed, or a pending file is numbered below an applied one.
    @discardableResult
    public func migrate(pool: PostgresPool) async throws -> [AppliedMigration] {
        let migrations = try migrations()
        return try await pool.withConnection { connection in
            try await connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
            do {
                let applied = try await applyPending(migrations, on: connection)
                try await connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                return applied
            } catch {
                _ = try? await connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
                throw error
            }
        }
    }

    /// Every migration known to the files or the database, by version, with its state.
    public func status(pool: PostgresPool) async throws -> [MigrationStatus] {
        let migrations = try migrations()
        let records = try await pool.withConnection { connection in
            let present = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
            guard try present.first?.decode(Bool.self, column: "present") == true else { return [Int: Record]() }
            return try await Self.records(on: connection)
        }
        var statuses = migrations.map { migration in
            let record = records[migration.version]
            let state: MigrationStatus.State =
                switch record {
                case nil: .pending
                case let record? where record.checksum == migration.checksum: .applied
                default: .checksumMismatch
                }
            return MigrationStatus(
                version: migration.version, name: migration.name, checksum: migration.checksum,
                appliedAt: record?.appliedAt, state: state)
        }
        let onDisk = Set(migrations.map(\.version))
        for record in records.values where !onDisk.contains(record.version) {
            statuses.append(
                MigrationStatus(
                    version: record.version, name: record.name, checksum: record.checksum,
                    appliedAt: record.appliedAt, state: .missingFile))
        }
        return statuses.sorted { $0.version < $1.version }
    }

    // MARK: Internals

    /// One row of `schema_migrations`.
    struct Record: Sendable {
        var version: Int
        var name: String
        var checksum: String
        var appliedAt: Date
    }

    private static let ledgerDefinition = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            execution_ms integer NOT NULL
        )
        """

    private func applyPending(_ migrations: [Migration], on connection: PostgresConnection) async throws
        -> [AppliedMigration]
    {
        try await connection.executeScript(Self.ledgerDefinition)
        let records = try await Self.records(on: connection)
        try Self.verify(migrations, against: records)
        var applied: [AppliedMigration] = []
        for migration in migrations where records[migration.version] == nil {
            applied.append(try await apply(migration, on: connection))
        }
        return applied
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) async throws -> AppliedMigration {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await connection.transaction { transaction in
                try await transaction.executeScript(migration.sql)
                try await transaction.execute(
                    "INSERT INTO schema_migrations (version, name, checksum, execution_ms) VALUES ($1, $2, $3, $4)",
                    [migration.version, migration.name, migration.checksum,
                     Int(start.duration(to: clock.now).wholeMilliseconds)])
            }
        } catch let error as PostgresError {
            throw MigrationError.failed(
                version: migration.version, fileName: migration.fileName,
                line: error.position.map { Self.line(ofCharacter: $0, in: migration.sql) }, underlying: error)
        }
        let elapsed = start.duration(to: clock.now)
        logger.info(
            "migration applied",
            metadata: ["version": "\(migration.version)", "name": "\(migration.name)", "duration": "\(elapsed)"])
        return AppliedMigration(
            version: migration.version, name: migration.name, checksum: migration.checksum, executionTime: elapsed)
    }

    private static func records(on connection: PostgresConnection) async throws -> [Int: Record] {
        let rows = try await connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations")
        var records: [Int: Record] = [:]
        for row in rows {
            let record = Record(
                version: try row.decode(Int.self, column: "version"), name: try row.decode(String.self, column: "name"),
                checksum: try row.decode(String.self, column: "checksum"),
                appliedAt: try row.decode(Date.self, column: "applied_at"))
            records[record.version] = record
        }
        return records
    }

    /// Applied files unchanged and present; nothing pending below the newest applied version.
    private static func verify(_ migrations: [Migration], against records: [Int: Record]) throws {
        let byVersion = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for record in records.values.sorted(by: { $0.version < $1.version }) {
            guard let migration = byVersion[record.version] else {
                throw MigrationError.missingFile(version: record.version, name: record.name)
            }
            guard migration.checksum == record.checksum else {
                throw MigrationError.checksumMismatch(
                    version: record.version, fileName: migration.fileName, recorded: record.checksum,
                    actual: migration.checksum)
            }
        }
        guard let latestApplied = records.keys.max() else { return }
        if let early = migrations.first(where: { records[$0.version] == nil && $0.version < latestApplied }) {
            throw MigrationError.outOfOrder(version: early.version, fileName: early.fileName, latestApplied: latestApplied)
        }
    }

    /// The 1-based line holding the 1-based character `position` (PostgreSQL counts characters).
    static func line(ofCharacter position: Int, in sql: String) -> Int {
        sql.unicodeScalars.prefix(max(0, position - 1)).reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
