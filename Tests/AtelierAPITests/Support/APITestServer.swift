import AtelierAPI
import AtelierDomain
import AtelierHTTP
import AtelierPostgres
import AtelierTestSupport
import Foundation
import Logging
import Prometheus

/// The real thing for end-to-end tests: Atelier's HTTP server and full API on an ephemeral
/// port, over a fresh, migrated PostgreSQL database that is dropped afterwards.
struct APITestServer: Sendable {
    let database: TestDatabase
    let pool: PostgresPool
    /// The purpose pools the readers use, as in production.
    let personalData: PersonalDataPools
    let server: HTTPServer
    let client: RawHTTPClient
    let dependencies: APIDependencies

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static let livenessBound = Duration.seconds(25)

    /// The server as configured in production, but with a handler deadline past the liveness
    /// bound of connection waits, so a slow suite answers late rather than 503.
    static var serverConfiguration: HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.timeouts.responder = .seconds(60)
        return configuration
    }

    /// Runs `body` against a started server, then stops the server and drops the database.
    static func with(
        poolSize: Int = 4, acquireTimeout: Duration = livenessBound, migrationsDirectory: URL? = nil,
        _ body: (APITestServer) async throws -> Void
    ) async throws {
        let database = try await TestDatabase.create(migrationsDirectory: TestDatabase.repositoryMigrations)
        // Liveness bounds, not speed: the whole suite runs in parallel on two cores, so a request
        // may wait long for a connection or the CPU without anything being wrong.
        let pool = database.makePool(size: poolSize) { $0.acquireTimeout = acquireTimeout }
        let logger = TestLogger.make("atelier.test")
        let personalData = PersonalDataPools(
            base: PostgresConfiguration(
                connectionString: database.connectionString, poolSize: 2, acquireTimeout: Self.livenessBound,
                connectTimeout: TestDatabase.connectTimeout),
            logger: logger)
        let migrations = MigrationRunner(
            directory: migrationsDirectory ?? TestDatabase.repositoryMigrations, logger: logger)
        let document = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("openapi/openapi.yaml")))
        let dependencies = APIDependencies(
            pool: pool, personalData: personalData, apiKeys: APIKeyService(pool: pool, cacheTimeToLive: .zero),
            readiness: ReadinessProbe(pool: pool, migrations: migrations), openAPIDocument: document,
            metrics: PrometheusCollectorRegistry())
        let server = HTTPServer(
            configuration: Self.serverConfiguration,
            responder: try APIApplication.make(dependencies: dependencies, logger: logger), logger: logger)
        let port = try server.start()
        let fixture = APITestServer(
            database: database, pool: pool, personalData: personalData, server: server, client: RawHTTPClient(port: port),
            dependencies: dependencies)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    private func stop() async {
        await server.shutdown(gracePeriod: .seconds(5))
        await personalData.close()
        await pool.close()
        await database.drop()
    }

    /// A new tenant and an API key for it with `scopes`.
    func makeTenant(scopes: Set<Scope> = [.admin]) async throws -> (tenant: Tenant, key: String) {
        let slug = "t-" + UUID().uuidString.prefix(12).lowercased()
        let tenant = try await TenantDirectory(pool: pool).create(name: "Tenant \(slug)", slug: slug)
        let key = try await issueKey(tenant: tenant, scopes: scopes)
        return (tenant, key)
    }

    func issueKey(tenant: Tenant, scopes: Set<Scope>) async throws -> String {
        try await APIKeyService(pool: pool).create(tenantID: tenant.id, name: "test", scopes: scopes).secret
    }

    /// Sends a request authenticated with `key` (when given); a String body is sent as JSON.
    func send(
        _ method: String, _ path: String, key: String? = nil, json: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> RawHTTPClient.Response {
        var allHeaders = headers
        if let key { allHeaders.append(("Authorization", "Bearer \(key)")) }
        if json != nil, !allHeaders.contains(where: { $0.0.lowercased() == "content-type" }) {
            allHeaders.append(("Content-Type", "application/json"))
        }
        return try await client.send(method, path, headers: allHeaders, body: json.map { Array($0.utf8) })
    }
}
