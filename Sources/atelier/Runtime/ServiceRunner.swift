import AtelierAPI
import AtelierHTTP
import AtelierREST
import Foundation

/// Runs the API server and/or the worker in this process until SIGINT or SIGTERM, then
/// shuts down in order: stop accepting, finish in-flight requests and jobs, close the pool.
struct ServiceRunner {
    let runtime: AtelierRuntime
    let runsAPI: Bool
    let runsWorker: Bool
    var shutdownGracePeriod: Duration = .seconds(10)

    /// `onReady` receives the bound port (nil without the API) once everything accepts work.
    func run(onReady: (UInt16?) async throws -> Void) async throws {
        let logger = runtime.logger
        if runtime.configuration.migrateOnStart {
            try await runtime.migrate()
        }
        try await runtime.registerSystemSchedules()

        var server: HTTPServer?
        var port: UInt16?
        if runsAPI {
            let application = try makeApplication()
            var configuration = HTTPServerConfiguration(
                host: runtime.configuration.host, port: runtime.configuration.port)
            configuration.timeouts.responder = runtime.configuration.handlerTimeout
            let httpServer = HTTPServer(configuration: configuration, responder: application, logger: logger)
            port = try httpServer.start()
            server = httpServer
            logger.info("API listening", metadata: ["address": "\(runtime.configuration.host):\(port ?? 0)"])
        }
        let worker = runsWorker ? runtime.makeWorker() : nil
        let workerTask = worker.map { worker in Task { await worker.run() } }

        try await onReady(port)
        let signal = await ShutdownSignal.wait()
        logger.info("shutting down", metadata: ["signal": "\(signal)"])
        worker?.stop()
        await server?.shutdown(gracePeriod: shutdownGracePeriod)
        await workerTask?.value
        await runtime.close()
        logger.info("stopped")
    }

    private func makeApplication() throws -> Application {
        guard let specification = ProjectFiles.locate("openapi/openapi.yaml", environmentVariable: "ATELIER_OPENAPI_PATH")
        else {
            throw RuntimeError.missingProjectFile("openapi/openapi.yaml", variable: "ATELIER_OPENAPI_PATH")
        }
        let document = try [UInt8](Data(contentsOf: specification))
        return try APIApplication.make(
            dependencies: runtime.apiDependencies(openAPIDocument: document), logger: runtime.logger)
    }
}
