import AtelierHTTP
import Foundation
import Glibc
import Logging
import Testing

/// Behaviour of a real server on 127.0.0.1, seen through raw sockets. Serialized so
/// the descriptor count and the timing-sensitive cases do not share the machine.
@Suite("HTTPServer", .serialized)
struct HTTPServerTests {
    private static let get = "GET / HTTP/1.1\r\nHost: test\r\n\r\n"

    @Test func answersAGetWithDateServerAndContentLength() async throws {
        try await withServer { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /hello HTTP/1.1\r\nHost: test\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.statusCode == 200)
            #expect(response.bodyText == "GET /hello\n")
            #expect(response.header("Content-Length") == "11")
            #expect(response.header("Server") == "atelier")
            let date = try #require(response.header("Date"))
            #expect(date.wholeMatch(of: /[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/) != nil)
        }
    }

    @Test func servesSeveralRequestsOnOneKeepAliveConnection() async throws {
        try await withServer { _, port in
            let codes = try await onThread {
                let client = try TestClient(port: port)
                return try (0..<5).map { index -> Int in
                    try client.send("GET /\(index) HTTP/1.1\r\nHost: test\r\n\r\n")
                    let response = try client.readResponse()
                    return response.header("Connection") == nil && response.bodyText == "GET /\(index)\n" ? 200 : 0
                }
            }
            #expect(codes == [200, 200, 200, 200, 200])
        }
    }

    @Test func closesAfterAnsweringAClientThatSentConnectionClose() async throws {
        try await withServer { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
                return (try client.readResponse(), client.isClosedByServer())
            }
            #expect(response.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func answersAClientThatHalfClosesAfterItsRequests() async throws {
        try await withServer { _, port in
            let (bodies, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /1 HTTP/1.1\r\nHost: test\r\n\r\nGET /2 HTTP/1.1\r\nHost: test\r\n\r\n")
                client.shutdownWrite()
                let bodies = try (0..<2).map { _ in try client.readResponse().bodyText }
                return (bodies, client.isClosedByServer())
            }
            #expect(bodies == ["GET /1\n", "GET /2\n"])
            #expect(closed)
        }
    }

    @Test func answersPipelinedRequestsInOrderEvenWhenEarlierOnesAreSlower() async throws {
        let responder = TestResponder { request in
            let delay = request.path == "/1" ? 300 : request.path == "/2" ? 100 : 0
            try? await Task.sleep(for: .milliseconds(delay))
            return HTTPResponse(status: .ok, body: Array(request.path.utf8))
        }
        try await withServer(responder: responder) { _, port in
            let bodies = try await onThread {
                let client = try TestClient(port: port)
                try client.send((1...3).map { "GET /\($0) HTTP/1.1\r\nHost: test\r\n\r\n" }.joined())
                return try (1...3).map { _ in try client.readResponse().bodyText }
            }
            #expect(bodies == ["/1", "/2", "/3"])
        }
    }

    @Test func answersOtherClientsWhileAResponderIsSlow() async throws {
        let gate = Gate()
        let responder = TestResponder { request in
            if request.path == "/slow" { await gate.wait() }
            return HTTPResponse(status: .ok, body: Array(request.path.utf8))
        }
        try await withServer(HTTPServerConfiguration(port: 0, eventLoopCount: 1), responder: responder) { _, port in
            let slow = try await onThread { () -> SendableBox<TestClient> in
                let client = try TestClient(port: port)
                try client.send("GET /slow HTTP/1.1\r\nHost: test\r\n\r\n")
                return SendableBox(client)
            }
            while gate.arrivals == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let fast = try await onThread {
                let client = try TestClient(port: port, timeout: .seconds(30))
                try client.send("GET /fast HTTP/1.1\r\nHost: test\r\n\r\n")
                return try client.readResponse().bodyText
            }
            gate.open()
            let slowBody = try await onThread { try slow.value.readResponse().bodyText }
            #expect(fast == "/fast")
            #expect(slowBody == "/slow")
        }
    }

    @Test func cancelsAResponderThatOverrunsItsDeadlineAndSendsWhatItAnswers() async throws {
        let responder = TestResponder { _ in
            let cancelled = (try? await Task.sleep(for: .seconds(30))) == nil
            return HTTPResponse(status: cancelled ? .serviceUnavailable : .ok, body: Array("done".utf8))
        }
        var configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 1)
        configuration.timeouts.responder = .milliseconds(300)
        try await withServer(configuration, responder: responder) { _, port in
            let status = try await onThread {
                let client = try TestClient(port: port, timeout: .seconds(10))
                try client.send(Self.get)
                return try client.readResponse().statusCode
            }
            #expect(status == 503)
        }
    }

    @Test func deliversALargeResponseToAClientThatReadsLate() async throws {
        let size = 32 * 1024 * 1024
        let responder = TestResponder { _ in HTTPResponse(status: .ok, body: [UInt8](repeating: 0x7A, count: size)) }
        try await withServer(responder: responder) { _, port in
            let (received, next) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(Self.get)
                Thread.sleep(forTimeInterval: 0.5)
                let received = try client.readResponse().body.count
                try client.send(Self.get)
                return (received, try client.readResponse().body.count)
            }
            #expect(received == size)
            #expect(next == size)
        }
    }

    @Test func closesAConnectionWhoseClientStopsReadingAfterTheWriteTimeout() async throws {
        let size = 32 * 1024 * 1024
        let responder = TestResponder { _ in HTTPResponse(status: .ok, body: [UInt8](repeating: 0x7A, count: size)) }
        let configuration = HTTPServerConfiguration(port: 0, timeouts: .init(write: .seconds(1)))
        try await withServer(configuration, responder: responder) { _, port in
            let received = try await onThread {
                let client = try TestClient(port: port)
                try client.send(Self.get)
                Thread.sleep(forTimeInterval: 2.5)
                return client.readUntilClosed().count
            }
            #expect(received < size)
        }
    }

    @Test func answersHeadWithTheLengthButNoBody() async throws {
        try await withServer { _, port in
            let (head, next) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("HEAD /x HTTP/1.1\r\nHost: test\r\n\r\nGET /y HTTP/1.1\r\nHost: test\r\n\r\n")
                return (try client.readResponse(bodyExpected: false), try client.readResponse())
            }
            #expect(head.statusCode == 200)
            #expect(head.header("Content-Length") == "8")
            #expect(next.bodyText == "GET /y\n")
        }
    }

    @Test func sends100ContinueBeforeReadingABodyWithinTheLimit() async throws {
        try await withServer { _, port in
            let (interim, final) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /u HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
                let interim = try client.readResponse()
                try client.send("hello")
                return (interim, try client.readResponse())
            }
            #expect(interim.statusCode == 100)
            #expect(final.statusCode == 200)
            #expect(final.bodyText == "POST /u\nhello")
        }
    }

    @Test func refusesAnExpectedBodyOverTheLimitWith413Instead100Continue() async throws {
        let configuration = HTTPServerConfiguration(port: 0, limits: .init(maxBodySize: 100))
        try await withServer(configuration) { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /u HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n")
                return (try client.readResponse(), client.isClosedByServer())
            }
            #expect(response.statusCode == 413)
            #expect(closed)
        }
    }

    @Test func answers413AsProblemJSONForABodyOverTheLimitAndCloses() async throws {
        let configuration = HTTPServerConfiguration(port: 0, limits: .init(maxBodySize: 10))
        try await withServer(configuration) { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /u HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\n\r\nhello world")
                return (try client.readResponse(), client.isClosedByServer())
            }
            #expect(response.statusCode == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(response.bodyText.contains(#""type":"https://atelier.dev/problems/body-too-large""#))
            #expect(response.bodyText.contains(#""status":413"#))
            #expect(closed)
        }
    }

    @Test func letsTheResponderRaiseTheBodyLimitForOneRoute() async throws {
        let responder = TestResponder(bodyLimit: { $0.target == "/import" ? 1000 : nil }) { request in
            HTTPResponse(status: .ok, body: Array(String(request.body.count).utf8))
        }
        let configuration = HTTPServerConfiguration(port: 0, limits: .init(maxBodySize: 10))
        try await withServer(configuration, responder: responder) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                let body = String(repeating: "x", count: 500)
                try client.send("POST /import HTTP/1.1\r\nHost: test\r\nContent-Length: 500\r\n\r\n\(body)")
                return try client.readResponse()
            }
            #expect(response.statusCode == 200)
            #expect(response.bodyText == "500")
        }
    }

    @Test func refusesADeclared100MegabyteBodyWithoutReadingIt() async throws {
        try await withServer { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /u HTTP/1.1\r\nHost: test\r\nContent-Length: 104857600\r\n\r\n")
                try client.send([UInt8](repeating: 0x61, count: 64 * 1024))
                return try client.readResponse()
            }
            #expect(response.statusCode == 413)
        }
    }

    @Test func readsAChunkedRequestBody() async throws {
        try await withServer { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /c HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n")
                try client.send("5\r\nhello\r\n")
                try client.send("1;ext=1\r\n!\r\n0\r\nTrailer: x\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.bodyText == "POST /c\nhello!")
        }
    }

    @Test func rejectsContentLengthWithTransferEncodingWith400AndCloses() async throws {
        try await withServer { _, port in
            let (response, closed) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(
                    "POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                return (try client.readResponse(), client.isClosedByServer())
            }
            #expect(response.statusCode == 400)
            #expect(response.bodyText.contains("malformed-request"))
            #expect(closed)
        }
    }

    @Test func answers414ForARequestLineOverTheLimit() async throws {
        try await withServer { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /\(String(repeating: "a", count: 10_000)) HTTP/1.1\r\nHost: test\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.statusCode == 414)
            #expect(response.bodyText.contains("request-line-too-long"))
        }
    }

    @Test func answers431ForTenThousandHeaders() async throws {
        try await withServer { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                let headers = (0..<10_000).map { "X-\($0): v\r\n" }.joined()
                client.sendIgnoringErrors(Array("GET / HTTP/1.1\r\nHost: test\r\n\(headers)\r\n".utf8))
                return try client.readResponse()
            }
            #expect(response.statusCode == 431)
        }
    }

    @Test func answers431ForAOneMegabyteHeaderLineAndKeepsServingOthers() async throws {
        try await withServer { _, port in
            let (big, other) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET / HTTP/1.1\r\nHost: test\r\nX-Big: ")
                client.sendIgnoringErrors([UInt8](repeating: 0x61, count: 1024 * 1024))
                let big = try client.readResponse()
                let other = try TestClient(port: port, timeout: .seconds(30))
                try other.send(Self.get)
                return (big, try other.readResponse())
            }
            #expect(big.statusCode == 431)
            #expect(big.bodyText.contains("headers-too-large"))
            #expect(other.statusCode == 200)
        }
    }

    @Test func closesSlowlorisConnectionsWith408WhileServingANormalClient() async throws {
        let configuration = HTTPServerConfiguration(port: 0, timeouts: .init(header: .seconds(1)))
        try await withServer(configuration) { _, port in
            let (normal, slowOutcomes) = try await onThread {
                let slow = try (0..<200).map { _ in try TestClient(port: port, timeout: .seconds(3)) }
                let request = Array("GET / HTTP/1.1\r\nHost: test\r\nX-Slow: ".utf8)
                for client in slow { client.sendIgnoringErrors([request[0]]) }
                var normal: TestClient.Response?
                // One byte per client every 300 ms for about two seconds.
                for round in 1..<8 {
                    Thread.sleep(forTimeInterval: 0.3)
                    for client in slow { client.sendIgnoringErrors([request[round]]) }
                    if round == 2 {
                        let client = try TestClient(port: port, timeout: .seconds(30))
                        try client.send(Self.get)
                        normal = try client.readResponse()
                    }
                }
                let outcomes = slow.map { client -> Bool in
                    let bytes = String(decoding: client.readUntilClosed(), as: UTF8.self)
                    return bytes.hasPrefix("HTTP/1.1 408 ") && bytes.contains("request-timeout")
                }
                return (normal, outcomes)
            }
            #expect(normal?.statusCode == 200)
            #expect(slowOutcomes.count == 200)
            #expect(slowOutcomes.allSatisfy { $0 })
        }
    }

    @Test func closesAnIdleKeepAliveConnectionSilently() async throws {
        let configuration = HTTPServerConfiguration(port: 0, timeouts: .init(idle: .seconds(1)))
        try await withServer(configuration) { _, port in
            let (response, rest) = try await onThread {
                let client = try TestClient(port: port)
                try client.send(Self.get)
                return (try client.readResponse(), client.readUntilClosed())
            }
            #expect(response.statusCode == 200)
            #expect(rest.isEmpty)
        }
    }

    @Test func closesAConnectionThatNeverSendsARequestAfterTheHeaderTimeout() async throws {
        let configuration = HTTPServerConfiguration(port: 0, timeouts: .init(header: .seconds(1)))
        try await withServer(configuration) { _, port in
            let rest = try await onThread { try TestClient(port: port).readUntilClosed() }
            #expect(rest.isEmpty)
        }
    }

    @Test func keepsAnHTTP10ConnectionOpenWhenAsked() async throws {
        try await withServer { _, port in
            let (first, second) = try await onThread {
                let client = try TestClient(port: port)
                try client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
                let first = try client.readResponse()
                try client.send("GET /b HTTP/1.0\r\n\r\n")
                return (first, try client.readResponse())
            }
            #expect(first.header("Connection") == "keep-alive")
            #expect(second.bodyText == "GET /b\n")
            #expect(second.header("Connection") == "close")
        }
    }

    @Test func closesConnectionsBeyondTheLimitAtOnce() async throws {
        let configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 1, maxConnections: 2)
        try await withServer(configuration) { _, port in
            let (third, first) = try await onThread {
                let held = try (0..<2).map { _ in try TestClient(port: port) }
                for client in held {
                    try client.send(Self.get)
                    _ = try client.readResponse()
                }
                let extra = try TestClient(port: port)
                let third = extra.isClosedByServer()
                try held[0].send(Self.get)
                return (third, try held[0].readResponse().statusCode)
            }
            #expect(third)
            #expect(first == 200)
        }
    }

    @Test func finishesAnInFlightRequestOnShutdownAndRefusesNewConnections() async throws {
        let gate = Gate()
        let responder = TestResponder { _ in
            await gate.wait()
            return HTTPResponse(status: .ok, body: Array("done".utf8))
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(port: 0, eventLoopCount: 2), responder: responder, logger: logger)
        let port = try server.start()
        let client = try await onThread { () -> SendableBox<TestClient> in
            let client = try TestClient(port: port)
            try client.send(Self.get)
            return SendableBox(client)
        }
        while gate.arrivals == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let shutdown = Task { await server.shutdown(gracePeriod: .seconds(10)) }
        let refused = try await onThread {
            for _ in 0..<300 {
                do {
                    _ = try TestClient(port: port)
                    Thread.sleep(forTimeInterval: 0.01)
                } catch TestClient.Failure.connect(let code) where code == ECONNREFUSED {
                    return true
                }
            }
            return false
        }
        gate.open()
        let (response, closed) = try await onThread {
            defer { client.value.close() }
            return (try client.value.readResponse(), client.value.isClosedByServer())
        }
        await shutdown.value
        #expect(refused)
        #expect(response.statusCode == 200)
        #expect(response.bodyText == "done")
        #expect(response.header("Connection") == "close")
        #expect(closed)
    }

    @Test func leavesNoSocketOpenAfterShutdown() async throws {
        var serverPort: UInt16 = 0
        try await withServer { _, port in
            serverPort = port
            try await onThread {
                for index in 0..<150 {
                    let client = try TestClient(port: port)
                    switch index % 3 {
                    case 0:
                        try client.send(Self.get)
                        _ = try client.readResponse()
                    case 1:
                        try client.send("GET / HTTP/1.1\r\nHo")
                    default:
                        try client.send("BAD\r\n\r\n")
                        _ = try client.readResponse()
                    }
                }
            }
        }
        #expect(openSocketCount(port: serverPort) == 0)
    }

    @Test func reportsABindFailureWithTheAddressAndSystemReason() {
        // 192.0.2.1 (TEST-NET-1) is never assigned to this machine, so bind fails with EADDRNOTAVAIL.
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "192.0.2.1", port: 0, eventLoopCount: 1),
            responder: TestResponder.echo, logger: Logger(label: "test"))
        #expect {
            try server.start()
        } throws: { error in
            guard case HTTPServerError.bindFailed(let address, _, let code, let message) = error else { return false }
            return address == "192.0.2.1" && code == EADDRNOTAVAIL && !message.isEmpty
        }
    }

    @Test func refusesToShareAPortWithAnotherRunningServer() async throws {
        try await withServer { _, port in
            let second = HTTPServer(
                configuration: HTTPServerConfiguration(port: port, eventLoopCount: 1), responder: TestResponder.echo,
                logger: Logger(label: "test"))
            #expect {
                try second.start()
            } throws: { error in
                guard case HTTPServerError.bindFailed(_, let failedPort, let code, _) = error else { return false }
                return failedPort == port && code == EADDRINUSE
            }
        }
    }

    @Test func rejectsAHostThatIsNotANumericAddress() {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "localhost", port: 0), responder: TestResponder.echo,
            logger: Logger(label: "test"))
        #expect {
            try server.start()
        } throws: { error in
            guard case HTTPServerError.invalidAddress(let host) = error else { return false }
            return host == "localhost"
        }
    }
}

/// Carries a test client from one helper thread to another.
// @unchecked Sendable: the tests hand the value over and only one thread uses it at a time.
final class SendableBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
