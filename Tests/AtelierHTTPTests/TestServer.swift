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

/// Sockets this process still holds whose local or remote port is `port`: the server's
/// listeners and connections, and the test clients' ends. Counting by port rather than all
/// descriptors keeps the check exact while other suites open and close files in parallel.
func openSocketCount(port: UInt16) -> Int {
    var inodes: Set<String> = []
    for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
        guard let text = try? String(contentsOfFile: table, encoding: .utf8) else { continue }
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9 else { continue }
            let ports = [fields[1], fields[2]].compactMap { $0.split(separator: ":").last.flatMap { UInt16($0, radix: 16) } }
            if ports.contains(port) { inodes.insert(String(fields[9])) }
        }
    }
    guard let directory = opendir("/proc/self/fd") else { return -1 }
    defer { closedir(directory) }
    var count = 0
    var target = [CChar](repeating: 0, count: 256)
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let length = readlink("/proc/self/fd/\(name)", &target, target.count - 1)
        guard length > 0 else { continue }
        let link = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if link.hasPrefix("socket:["), inodes.contains(String(link.dropFirst(8).dropLast())) { count += 1 }
    }
    return count
}
