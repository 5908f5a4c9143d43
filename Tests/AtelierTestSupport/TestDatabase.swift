import AtelierPostgres
import Foundation
import Logging

/// A throw-away PostgreSQL database for one test or suite, on the server named by
/// `ATELIER_TEST_DATABASE_URL`: created empty (or migrated), dropped by `drop()`. Tests
/// never share data, so they can run in parallel against one server.
public struct TestDatabase: Sendable {
    /// The environment variable holding the admin URL; `scripts/test` sets it.
    public static let urlVariable = "ATELIER_TEST_DATABASE_URL"

    /// `atelier_test_<random hex>`.
    public let name: String
    /// A key=value conninfo for this database, for code that takes a connection string.
    public let connectionString: String
    private let adminURL: String
    private let pools = PoolRegistry()

    static let logger: Logger = {
        var logger = Logger(label: "atelier.test-database")
        logger.logLevel = .warning
        return logger
    }()

    /// How long a test connection may take to open. The whole suite runs in parallel on two
    /// cores, so a connection may wait long for the CPU without anything being wrong; a liveness
    /// bound, not a speed check.
    public static let connectTimeout: Duration = .seconds(60)

    /// Creates a fresh database and, given a directory, its migrated schema. Fails (never
    /// skips) when `ATELIER_TEST_DATABASE_URL` is unset: run the tests through `scripts/test`.
    ///
    /// A migrated database is copied from a template migrated once per migrations content
    /// (`CREATE DATABASE … TEMPLATE`), and at most a few are created at a time: hundreds of
    /// tests start together, and each running every migration at once stalled the server
    /// past the connect timeout on a loaded two-core CI machine.
    public static func create(migrationsDirectory: URL? = nil) async throws -> TestDatabase {
        guard let adminURL = ProcessInfo.processInfo.environment[urlVariable], !adminURL.isEmpty else {
            throw TestDatabaseError.missingServerURL
        }
        let name = "atelier_test_" + randomHex(bytes: 8)
        let statement: String
        if let migrationsDirectory {
            let template = try await MigratedTemplates.shared.template(for: migrationsDirectory, adminURL: adminURL)
            statement = "CREATE DATABASE \"\(name)\" TEMPLATE \"\(template)\""
        } else {
            statement = "CREATE DATABASE \"\(name)\""
        }
        try await creationGate.run {
            try await withAdminConnection(adminURL) { try await $0.executeScript(statement) }
        }
        return TestDatabase(
            name: name, connectionString: try PostgresConnectionString.replacingDatabase(in: adminURL, with: name),
            adminURL: adminURL)
    }

    /// Bounds the CREATE DATABASE statements running at once.
    private static let creationGate = AsyncGate(width: 4)

    /// Creates a database, runs `body` with it, and drops it whether `body` returns or throws.
    @discardableResult
    public static func with<T>(
        migrationsDirectory: URL? = nil,
        callerIsolation: isolated (any Actor)? = #isolation,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await create(migrationsDirectory: migrationsDirectory)
        let result: Result<T, any Error>
        do {
            result = .success(try await body(database))
        } catch {
            result = .failure(error)
        }
        await database.drop()
        return try result.get()
    }

    /// A pool on this database; `drop()` closes it. `configure` adjusts anything else.
    public func makePool(size: Int = 4, configure: (inout PostgresConfiguration) -> Void = { _ in }) -> PostgresPool {
        var configuration = PostgresConfiguration(
            connectionString: adminURL, database: name, poolSize: size, connectTimeout: Self.connectTimeout)
        configure(&configuration)
        let pool = PostgresPool(configuration: configuration, logger: Self.logger)
        pools.add(pool)
        return pool
    }

    /// Closes the pools made by `makePool`, then drops the database, disconnecting anyone
    /// still connected. Never throws: a leftover database is logged, not a test failure.
    public func drop() async {
        for pool in pools.takeAll() {
            await pool.close()
        }
        do {
            try await Self.withAdminConnection(adminURL) { connection in
                try await connection.executeScript("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
            }
        } catch {
            Self.logger.warning("could not drop test database", metadata: ["database": "\(name)", "error": "\(error)"])
        }
    }

    /// The repository's `migrations` folder, found from this file's location.
    public static var repositoryMigrations: URL {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return migrationsDirectory(near: #filePath) ?? repository.appendingPathComponent("migrations", isDirectory: true)
    }

    /// The nearest `migrations` folder above `filePath` (pass `#filePath` from a test).
    public static func migrationsDirectory(near filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("migrations", isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Runs `body` on a new connection to `adminURL`.
    static func withAdminConnection(
        _ adminURL: String, _ body: @Sendable (PostgresConnection) async throws -> Void
    ) async throws {
        let pool = PostgresPool(
            configuration: PostgresConfiguration(
                connectionString: adminURL, poolSize: 1, connectTimeout: connectTimeout,
                applicationName: "atelier-tests"),
            logger: logger)
        do {
            try await pool.withConnection(body)
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
    }
}

/// The pools a `TestDatabase` made, so `drop()` can close them first.
private final class PoolRegistry: Sendable {
    private let pools = Mutexed<[PostgresPool]>([])

    func add(_ pool: PostgresPool) {
        pools.withLock { $0.append(pool) }
    }

    func takeAll() -> [PostgresPool] {
        pools.withLock { pools in
            defer { pools.removeAll() }
            return pools
        }
    }
}

/// A value behind an NSLock (the test target cannot see AtelierPostgres's internal one).
private final class Mutexed<Value: Sendable>: @unchecked Sendable {  // `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// `bytes` random bytes as lower-case hex.
func randomHex(bytes: Int) -> String {
    (0..<bytes).map { _ in
        let hex = String(UInt8.random(in: 0...255), radix: 16)
        return hex.count == 1 ? "0" + hex : hex
    }.joined()
}
