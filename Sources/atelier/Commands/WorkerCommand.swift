import ArgumentParser

/// The background worker alone; run as many as needed, they coordinate through the job table.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run the background worker: scheduled and on-demand jobs.")

    func run() async throws {
        let runtime = try AtelierRuntime.make(configuration: try .fromEnvironment(), label: "atelier.worker")
        try await ServiceRunner(runtime: runtime, runsAPI: false, runsWorker: true).run { _ in }
    }
}
