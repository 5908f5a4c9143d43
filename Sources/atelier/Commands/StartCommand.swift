import AtelierDomain
import ArgumentParser
import Foundation

/// The one-command local start: a private PostgreSQL when DATABASE_URL is unset, migrations,
/// a demo tenant with a fresh key and demo data (`DemoData`: a recommender training is queued
/// at the first start), then the API and the worker in one process.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Run everything locally: private PostgreSQL (when DATABASE_URL is unset), API and worker.")

    static let demoKeyName = "local start"

    func run() async throws {
        let configuration = try AtelierConfiguration.fromEnvironment()
        var databaseURL = configuration.databaseURL
        if databaseURL == nil {
            let clusterDirectory = configuration.dataDirectory.appendingPathComponent("postgres")
            databaseURL = try LocalPostgres(dataDirectory: clusterDirectory).start()
            print("Private PostgreSQL: \(clusterDirectory.path) (kept between starts)")
        }
        let runtime = try AtelierRuntime.make(configuration: configuration, databaseURL: databaseURL, label: "atelier")
        try await runtime.migrate()
        let key = try await issueDemoKey(runtime)
        let demoProfile = try await DemoData(runtime: runtime).prepare(
            tenantID: try await runtime.tenants.find(reference: "demo").id)
        try await ServiceRunner(runtime: runtime, runsAPI: true, runsWorker: true).run { port in
            let base = "http://\(configuration.host):\(port ?? configuration.port)"
            print(
                """

                Atelier is running at \(base) (API and worker). Ctrl-C stops it.
                Demo tenant API key (admin; shown once, replaced at each start):
                  \(key)
                Try:
                  curl -s \(base)/readyz
                  curl -s -H 'Authorization: Bearer \(key)' \(base)/v1/tenant
                Personal recommendations for a demo shopper (the recommender trains in the first
                seconds; until then the answer says strategy "none"):
                  curl -s -H 'Authorization: Bearer \(key)' '\(base)/v1/profiles/\(demoProfile.uuidString.lowercased())/recommendations?limit=5'

                """)
            // Standard output is block-buffered when it is not a terminal; the key must show now
            // (fflush(nil) flushes every stream without touching the global `stdout`, which Swift 6 refuses).
            fflush(nil)
        }
    }

    /// Ensures the demo tenant exists and gives it a fresh admin key, revoking the key of the
    /// previous start so no stale demo key stays valid.
    private func issueDemoKey(_ runtime: AtelierRuntime) async throws -> String {
        let tenant: Tenant
        do {
            tenant = try await runtime.tenants.find(reference: "demo")
        } catch DomainError.notFound {
            tenant = try await runtime.tenants.create(name: "Demo", slug: "demo")
        }
        let keys = runtime.makeAPIKeys()
        for old in try await keys.list(tenantID: tenant.id) where old.name == Self.demoKeyName && old.revokedAt == nil {
            _ = try await keys.revoke(tenantID: tenant.id, keyID: old.id)
        }
        return try await keys.create(tenantID: tenant.id, name: Self.demoKeyName, scopes: [.admin]).secret
    }
}
