import ArgumentParser

/// The API server alone; scale it out behind a load balancer (processes are stateless).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP API (migrates first unless ATELIER_MIGRATE_ON_START=false).")

    func run() async throws {
        let runtime = try AtelierRuntime.make(configuration: try .fromEnvironment(), label: "atelier.serve")
        try await ServiceRunner(runtime: runtime, runsAPI: true, runsWorker: false).run { _ in }
    }
}
