import AtelierPostgres
import AtelierTestSupport
import Foundation
import Logging
import Testing

@Suite("Migrations")
struct MigrationTests {
    private let logger = TestLogger.make("migration-tests")

    /// A temporary directory holding `files` (name → SQL).
    private func directory(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, sql) in files {
            try Data(sql.utf8).write(to: url.appendingPathComponent(name))
        }
        return url
    }

    private static let foundation = [
        "0001_people.sql": "CREATE TABLE people (id int PRIMARY KEY);",
        "0002_orders.sql": "CREATE TABLE orders (id int PRIMARY KEY, person int REFERENCES people);\nINSERT INTO people VALUES (1);",
        "0010_index.sql": "CREATE INDEX orders_person ON orders (person);",
    ]

    @Test func pendingMigrationsAreAppliedOnceInVersionOrder() async throws {
        let folder = try directory(Self.foundation)
        try await withPool { pool in
            let runner = MigrationRunner(directory: folder, logger: logger)
            let applied = try await runner.migrate(pool: pool)
            #expect(applied.map(\.version) == [1, 2, 10])
            #expect(applied.map(\.name) == ["people", "orders", "index"])
            #expect(try await runner.migrate(pool: pool).isEmpty)
            let statuses = try await runner.status(pool: pool)
            #expect(statuses.map(\.state) == [.applied, .applied, .applied])
            #expect(statuses.allSatisfy { $0.appliedAt != nil })
            let recorded = try await pool.query("SELECT version, checksum FROM schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0.decode(Int.self, column: "version") } == [1, 2, 10])
            #expect(try recorded.first?.decode(String.self, column: "checksum") == applied.first?.checksum)
            #expect(applied.first?.checksum.count == 64)
        }
    }

    @Test func anEditedAppliedMigrationIsRefused() async throws {
        let folder = try directory(Self.foundation)
        try await withPool { pool in
            let runner = MigrationRunner(directory: folder, logger: logger)
            try await runner.migrate(pool: pool)
            try Data("CREATE TABLE people (id bigint PRIMARY KEY);".utf8).write(to: folder.appendingPathComponent("0001_people.sql"))
            let error = try await #require(throws: MigrationError.self) { try await runner.migrate(pool: pool) }
            guard case .checksumMismatch(let version, let fileName, _, _) = error else {
                Issue.record("expected checksumMismatch, got \(error)")
                return
            }
            #expect(version == 1 && fileName == "0001_people.sql")
            #expect(try await runner.status(pool: pool).first?.state == .checksumMismatch)
        }
    }

    @Test func aMissingAppliedMigrationFileIsRefused() async throws {
        let folder = try directory(Self.foundation)
        try await withPool { pool in
            let runner = MigrationRunner(directory: folder, logger: logger)
            try await runner.migrate(pool: pool)
            try FileManager.default.removeItem(at: folder.appendingPathComponent("0010_index.sql"))
            let error = try await #require(throws: MigrationError.self) { try await runner.migrate(pool: pool) }
            guard case .missingFile(let version, let name) = error else {
                Issue.record("expected missingFile, got \(error)")
                return
            }
            #expect(version == 10 && name == "index")
            #expect(try await runner.status(pool: pool).last?.state == .missingFile)
        }
    }

    @Test func aFailingMigrationRollsBackEntirelyAndKeepsEarlierOnes() async throws {
        let folder = try directory([
            "0001_people.sql": "CREATE TABLE people (id int PRIMARY KEY);",
            "0002_broken.sql": "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT * FROM nowhere;",
        ])
        try await withPool { pool in
            let runner = MigrationRunner(directory: folder, logger: logger)
            let error = try await #require(throws: MigrationError.self) { try await runner.migrate(pool: pool) }
            guard case .failed(let version, _, let line, let underlying) = error else {
                Issue.record("expected failed, got \(error)")
                return
            }
            #expect(version == 2)
            #expect(line == 3)
            #expect(underlying.kind == .undefinedTable)
            let tables = try await pool.query("SELECT to_regclass('people') IS NOT NULL AS people, to_regclass('half') IS NOT NULL AS half")
            #expect(try tables.first?.decode(Bool.self, column: "people") == true)
            #expect(try tables.first?.decode(Bool.self, column: "half") == false)
            #expect(try await runner.status(pool: pool).map(\.state) == [.applied, .pending])
        }
    }

    @Test func twoRunnersStartingTogetherApplyEachMigrationOnce() async throws {
        let folder = try directory(Self.foundation.merging(["0003_slow.sql": "SELECT pg_sleep(0.3);"]) { $1 })
        try await TestDatabase.with { database in
            let first = database.makePool(size: 1)
            let second = database.makePool(size: 1)
            let runner = MigrationRunner(directory: folder, logger: logger)
            async let one = runner.migrate(pool: first)
            async let two = runner.migrate(pool: second)
            let (appliedByOne, appliedByTwo) = try await (one, two)
            #expect((appliedByOne + appliedByTwo).map(\.version).sorted() == [1, 2, 3, 10])
            let count = try await first.query("SELECT count(*) AS n FROM schema_migrations")
            #expect(try count.first?.decode(Int.self, column: "n") == 4)
        }
    }

    @Test func duplicateVersionsAndBadFileNamesAreRefusedBeforeTouchingTheDatabase() throws {
        let duplicate = try directory(["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 2;"])
        #expect(throws: MigrationError.self) { try MigrationRunner(directory: duplicate, logger: logger).migrations() }
        let misnamed = try directory(["001_short.sql": "SELECT 1;"])
        #expect(throws: MigrationError.self) { try MigrationRunner(directory: misnamed, logger: logger).migrations() }
    }

    @Test func aPendingMigrationNumberedBelowAnAppliedOneIsRefused() async throws {
        let folder = try directory(["0001_a.sql": "SELECT 1;", "0005_e.sql": "SELECT 5;"])
        try await withPool { pool in
            let runner = MigrationRunner(directory: folder, logger: logger)
            try await runner.migrate(pool: pool)
            try Data("SELECT 3;".utf8).write(to: folder.appendingPathComponent("0003_late.sql"))
            let error = try await #require(throws: MigrationError.self) { try await runner.migrate(pool: pool) }
            guard case .outOfOrder(let version, _, let latest) = error else {
                Issue.record("expected outOfOrder, got \(error)")
                return
            }
            #expect(version == 3 && latest == 5)
        }
    }
}
