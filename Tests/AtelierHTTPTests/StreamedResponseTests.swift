import AtelierHTTP
import Foundation
import Synchronization
import Testing

/// Streamed response bodies (`HTTPResponse.stream`): framing, completion, failure and pacing,
/// seen through raw sockets.
@Suite("Streamed responses", .serialized)
struct StreamedResponseTests {
    private static let pieces = (0..<50).map { Array("piece \($0);".utf8) }
    private static let whole = pieces.flatMap { $0 }

    /// Answers `/stream` with `pieces` streamed (with `length` when given), anything else with echo.
    private static func responder(length: Int? = nil, produced: Counter = Counter()) -> TestResponder {
        TestResponder { request in
            guard request.path == "/stream" else { return await TestResponder.echo.respond(to: request) }
            return HTTPResponse(
                status: .ok, headers: ["Content-Type": "text/plain"],
                stream: HTTPBodyStream(length: length) { writer in
                    produced.increment()
                    for piece in pieces { try await writer.write(piece) }
                })
        }
    }

    @Test func sendsABodyOfUnknownLengthChunkedThenServesTheNextRequest() async throws {
        try await withServer(responder: Self.responder()) { _, port in
            let raw = try await onThread {
                let client = try TestClient(port: port)
                try client.send(
                    "GET /stream HTTP/1.1\r\nHost: t\r\n\r\nGET /after HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                )
                return client.readUntilClosed()
            }
            var reader = RawResponses(raw)
            let streamed = try reader.next()
            let after = try reader.next()
            #expect(streamed.header("Transfer-Encoding") == "chunked")
            #expect(streamed.header("Content-Length") == nil)
            #expect(streamed.body == Self.whole)
            #expect(after.text == "GET /after\n")
        }
    }

    @Test func sendsABodyOfKnownLengthWithContentLength() async throws {
        try await withServer(responder: Self.responder(length: Self.whole.count)) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.header("Content-Length") == String(Self.whole.count))
            #expect(response.header("Transfer-Encoding") == nil)
            #expect(response.body == Self.whole)
        }
    }

    @Test func answersHeadWithTheHeadAloneAndNeverRunsTheProducer() async throws {
        let produced = Counter()
        try await withServer(responder: Self.responder(length: Self.whole.count, produced: produced)) { _, port in
            let (head, next) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\nGET /next HTTP/1.1\r\nHost: t\r\n\r\n")
                return (try client.readResponse(bodyExpected: false), try client.readResponse())
            }
            #expect(head.header("Content-Length") == String(Self.whole.count))
            #expect(next.bodyText == "GET /next\n")
            #expect(produced.value == 0)
        }
    }

    @Test func delimitsTheBodyByClosingForAnHTTP10Client() async throws {
        try await withServer(responder: Self.responder()) { _, port in
            let raw = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                return client.readUntilClosed()
            }
            let text = String(decoding: raw, as: UTF8.self)
            #expect(!text.contains("chunked"))
            #expect(text.contains("Connection: close\r\n"))
            #expect(text.hasSuffix(String(decoding: Self.whole, as: UTF8.self)))
        }
    }

    @Test func cutsTheConnectionWithoutTheLastChunkWhenTheProducerFails() async throws {
        struct Broken: Error {}
        let responder = TestResponder { _ in
            HTTPResponse(
                status: .ok,
                stream: HTTPBodyStream { writer in
                    try await writer.write(Array("partial".utf8))
                    throw Broken()
                })
        }
        try await withServer(responder: responder) { _, port in
            let raw = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return client.readUntilClosed()
            }
            let text = String(decoding: raw, as: UTF8.self)
            #expect(text.hasSuffix("7\r\npartial\r\n"), "no last chunk: the client sees a cut-off body")
        }
    }

    @Test func cutsTheConnectionWhenTheProducerWritesLessThanItAnnounced() async throws {
        let responder = TestResponder { _ in
            HTTPResponse(
                status: .ok, stream: HTTPBodyStream(length: 100) { writer in try await writer.write([1, 2, 3]) })
        }
        try await withServer(responder: responder) { _, port in
            let raw = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return client.readUntilClosed()
            }
            let text = String(decoding: raw, as: UTF8.self)
            #expect(text.contains("Content-Length: 100\r\n"))
            #expect(text.components(separatedBy: "HTTP/1.1 200").count == 2, "the second request is never answered")
        }
    }

    @Test func refusesAPieceBeyondTheAnnouncedLength() async throws {
        let failure = Mutex<HTTPBodyStreamError?>(nil)
        let responder = TestResponder { _ in
            HTTPResponse(
                status: .ok,
                stream: HTTPBodyStream(length: 2) { writer in
                    do {
                        try await writer.write([1, 2, 3])
                    } catch let error as HTTPBodyStreamError {
                        failure.withLock { $0 = error }
                        throw error
                    }
                })
        }
        try await withServer(responder: responder) { _, port in
            _ = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                return client.readUntilClosed()
            }
            #expect(failure.withLock { $0 } == .longerThanAnnounced(length: 2))
        }
    }

    @Test func tellsTheProducerWhenTheClientIsGone() async throws {
        let outcome = Mutex<HTTPBodyStreamError?>(nil)
        let finished = Gate()
        let responder = TestResponder { _ in
            HTTPResponse(
                status: .ok,
                stream: HTTPBodyStream { writer in
                    defer { finished.open() }
                    do {
                        while true { try await writer.write([UInt8](repeating: 0x61, count: 64 * 1024)) }
                    } catch let error as HTTPBodyStreamError {
                        outcome.withLock { $0 = error }
                        throw error
                    }
                })
        }
        try await withServer(responder: responder) { _, port in
            try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                _ = try client.readResponse(bodyExpected: false)
                client.close()
            }
            await finished.wait()
            #expect(outcome.withLock { $0 } == .connectionClosed)
        }
    }

    @Test func pacesTheProducerToAClientThatReadsLate() async throws {
        let piece = [UInt8](repeating: 0x62, count: 1024 * 1024)
        let total = 64
        let written = Counter()
        let responder = TestResponder { _ in
            HTTPResponse(
                status: .ok,
                stream: HTTPBodyStream(length: piece.count * total) { writer in
                    for _ in 0..<total {
                        try await writer.write(piece)
                        written.increment()
                    }
                })
        }
        try await withServer(responder: responder) { _, port in
            let (writtenBeforeReading, received) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: t\r\n\r\n")
                Thread.sleep(forTimeInterval: 0.5)
                let before = written.value
                return (before, try client.readResponse().body.count)
            }
            #expect(writtenBeforeReading < total / 2, "the producer waits while the client does not read")
            #expect(received == piece.count * total)
        }
    }
}

/// A thread-safe count, for what producers did.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

/// Splits raw bytes read from a connection into responses, decoding chunked bodies.
struct RawResponses {
    struct Response {
        var headers: [(name: String, value: String)]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    }

    struct Malformed: Error {}

    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) {
        self.bytes = bytes[...]
    }

    mutating func next() throws -> Response {
        let head = String(decoding: try line(until: [13, 10, 13, 10]), as: UTF8.self)
        let headers = head.components(separatedBy: "\r\n").dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = Response(headers: headers, body: [])
        if response.header("Transfer-Encoding") == "chunked" {
            while true {
                let sizeLine = String(decoding: try line(until: [13, 10]), as: UTF8.self)
                guard let size = Int(sizeLine, radix: 16) else { throw Malformed() }
                if size == 0 {
                    _ = try line(until: [13, 10])
                    return response
                }
                guard bytes.count >= size + 2 else { throw Malformed() }
                response.body += bytes.prefix(size)
                bytes = bytes.dropFirst(size + 2)
            }
        }
        let length = response.header("Content-Length").flatMap(Int.init) ?? 0
        guard bytes.count >= length else { throw Malformed() }
        response.body = Array(bytes.prefix(length))
        bytes = bytes.dropFirst(length)
        return response
    }

    private mutating func line(until marker: [UInt8]) throws -> [UInt8] {
        guard let range = bytes.firstRange(of: marker) else { throw Malformed() }
        defer { bytes = bytes[range.upperBound...] }
        return Array(bytes[..<range.lowerBound])
    }
}
