import AtelierHTTP
import Glibc
import Logging
import Synchronization

/// A responder built from closures, so each test states its own behaviour inline.
struct TestResponder: HTTPResponder {
    var bodyLimit: @Sendable (HTTPRequestHead) -> Int? = { _ in nil }
    let handler: @Sendable (HTTPRequest) async -> HTTPResponse

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        await handler(request)
    }

    func maximumBodySize(for head: HTTPRequestHead) -> Int? {
        bodyLimit(head)
    }

    /// Answers 200 with "METHOD target" followed by the request body.
    static let echo = TestResponder { request in
        HTTPResponse(
            status: .ok, headers: ["Content-Type": "text/plain"],
            body: Array("\(request.method) \(request.target)\n".utf8) + request.body)
    }
}

/// A door that responders wait at until the test opens it, to hold a request in flight.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var arrivals = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    var arrivals: Int { state.withLock { $0.arrivals } }

    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state -> Bool in
                state.arrivals += 1
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Starts a server on an ephemeral port of 127.0.0.1, runs `body`, then shuts it down.
func withServer(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(port: 0, eventLoopCount: 2),
    responder: any HTTPResponder = TestResponder.echo,
    _ body: (HTTPServer, UInt16) async throws -> Void
) async throws {
    var configuration = configuration
    configuration.port = 0
    configuration.host = "127.0.0.1"
    var logger = Logger(label: "atelier.http.tests")
    logger.logLevel = .warning
    let server = HTTPServer(configuration: configuration, responder: responder, logger: logger)
    let port = try server.start()
    do {
        try await body(server, port)
    } catch {
        await server.shutdown(gracePeriod: .zero)
        throw error
    }
    await server.shutdown(gracePeriod: .seconds(1))
}

/// Open file descriptors of this process.
func openFileDescriptorCount() -> Int {
    guard let directory = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(directory) }
    var count = 0
    while readdir(directory) != nil { count += 1 }
    return count
}
