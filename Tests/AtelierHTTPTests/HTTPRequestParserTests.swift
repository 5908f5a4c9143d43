import Testing

@testable import AtelierHTTP

/// What a parser run produced, in a form tests can compare.
private enum Outcome: Equatable {
    case request(method: String, target: String, body: String, keepAlive: Bool)
    case continueExpected
    case failure(status: Int, type: String)
}

private func parse(
    _ pieces: [[UInt8]], limits: HTTPServerConfiguration.Limits = .init(), bodyLimit: Int = 1024 * 1024
) -> [Outcome] {
    var parser = HTTPRequestParser(limits: limits) { _ in bodyLimit }
    var outcomes: [Outcome] = []
    for piece in pieces {
        parser.append(piece)
        while true {
            switch parser.next() {
            case .needMoreData:
                break
            case .continueExpected:
                outcomes.append(.continueExpected)
                continue
            case .request(let request, let keepAlive):
                outcomes.append(
                    .request(
                        method: request.method.rawValue, target: request.target,
                        body: String(decoding: request.body, as: UTF8.self), keepAlive: keepAlive))
                continue
            case .failure(let rejection):
                outcomes.append(.failure(status: rejection.status.code, type: rejection.problemType))
                return outcomes
            }
            break
        }
    }
    return outcomes
}

private func parse(_ text: String, limits: HTTPServerConfiguration.Limits = .init(), bodyLimit: Int = 1024 * 1024)
    -> [Outcome]
{
    parse([Array(text.utf8)], limits: limits, bodyLimit: bodyLimit)
}

private func parseRequest(_ text: String) -> HTTPRequest? {
    var parser = HTTPRequestParser(limits: .init()) { _ in 1024 }
    parser.append(Array(text.utf8))
    if case .request(let request, _) = parser.next() { return request }
    return nil
}

private func rejection(_ text: String, limits: HTTPServerConfiguration.Limits = .init()) -> Outcome? {
    parse(text, limits: limits).last
}

private let malformed = Outcome.failure(status: 400, type: "malformed-request")

@Suite("HTTPRequestParser")
struct HTTPRequestParserTests {
    // MARK: Valid requests

    @Test func parsesMethodTargetPathQueryAndVersion() throws {
        let request = try #require(parseRequest("GET /items/42?color=red HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(request.method == .get)
        #expect(request.target == "/items/42?color=red")
        #expect(request.path == "/items/42")
        #expect(request.query == "color=red")
        #expect(request.versionMinor == 1)
    }

    @Test func keepsHeadersInOrderWithSurroundingWhitespaceTrimmed() throws {
        let request = try #require(
            parseRequest("GET / HTTP/1.1\r\nHost: a\r\nX-One:  1 \r\nx-two:\t2\t\r\nX-One: 3\r\n\r\n"))
        #expect(request.headers["x-one"] == "1")
        #expect(request.headers.values(for: "X-One") == ["1", "3"])
        #expect(request.headers["X-Two"] == "2")
        #expect(request.headers.count == 4)
    }

    @Test func keepsUnknownMethodTokensForTheRouterToAnswer() {
        #expect(
            parse("PURGE /cache HTTP/1.1\r\nHost: a\r\n\r\n") == [
                .request(method: "PURGE", target: "/cache", body: "", keepAlive: true)
            ])
    }

    @Test func acceptsAsteriskTargetForOptions() {
        #expect(
            parse("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") == [
                .request(method: "OPTIONS", target: "*", body: "", keepAlive: true)
            ])
    }

    @Test func readsAContentLengthBody() {
        #expect(
            parse("POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
                == [.request(method: "POST", target: "/e", body: "hello", keepAlive: true)])
    }

    @Test func keepsHTTP11ConnectionsAliveUnlessTheClientSaysClose() {
        #expect(
            parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n") == [
                .request(method: "GET", target: "/", body: "", keepAlive: false)
            ])
    }

    @Test func keepsHTTP10ConnectionsAliveOnlyWhenAsked() {
        #expect(parse("GET / HTTP/1.0\r\n\r\n") == [.request(method: "GET", target: "/", body: "", keepAlive: false)])
        #expect(
            parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") == [
                .request(method: "GET", target: "/", body: "", keepAlive: true)
            ])
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() {
        #expect(
            parse("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") == [
                .request(method: "GET", target: "/", body: "", keepAlive: true)
            ])
    }

    @Test func acceptsBareLineFeedsAsLineEnds() {
        #expect(
            parse("GET / HTTP/1.1\nHost: a\n\n") == [.request(method: "GET", target: "/", body: "", keepAlive: true)])
    }

    @Test func returnsPipelinedRequestsFromOneBufferInOrder() {
        let text =
            "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "GET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        #expect(
            parse(text) == [
                .request(method: "GET", target: "/1", body: "", keepAlive: true),
                .request(method: "POST", target: "/2", body: "abc", keepAlive: true),
                .request(method: "GET", target: "/3", body: "", keepAlive: false),
            ])
    }

    @Test func givesTheSameResultWhenSplitAtEveryByteBoundary() {
        let text =
            "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody"
            + "PUT /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n"
        let bytes = Array(text.utf8)
        let whole = parse([bytes])
        #expect(whole.count == 2)
        for split in 1..<bytes.count {
            #expect(parse([Array(bytes[..<split]), Array(bytes[split...])]) == whole, "split at \(split)")
        }
        #expect(parse(bytes.map { [$0] }) == whole)
    }

    // MARK: Chunked bodies

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() {
        let text =
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n6 ; quoted=\"x y\"\r\n world\r\n0\r\nChecksum: abc\r\n\r\n"
        #expect(parse(text) == [.request(method: "POST", target: "/c", body: "hello world", keepAlive: true)])
    }

    @Test func acceptsUppercaseHexChunkSizes() {
        let body = String(repeating: "x", count: 26)
        let text = "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n1A\r\n\(body)\r\n0\r\n\r\n"
        #expect(parse(text) == [.request(method: "POST", target: "/c", body: body, keepAlive: true)])
    }

    @Test func rejectsChunkedBodiesOverTheLimitWith413() {
        let text =
            "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n"
        #expect(parse(text, bodyLimit: 6) == [.failure(status: 413, type: "body-too-large")])
    }

    @Test func rejectsChunkDataNotFollowedByCRLF() {
        let text = "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"
        #expect(rejection(text) == malformed)
    }

    @Test func rejectsAChunkSizeThatIsNotHex() {
        #expect(rejection("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") == malformed)
    }

    @Test func rejectsTooManyTrailerFieldsWith431() {
        let trailers = String(repeating: "T: v\r\n", count: 5)
        let text = "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\(trailers)\r\n"
        #expect(rejection(text, limits: .init(maxHeaderCount: 4)) == .failure(status: 431, type: "too-many-headers"))
    }

    // MARK: Body limits and 100-continue

    @Test func rejectsADeclaredBodyOverTheLimitBeforeAnyBodyArrives() {
        #expect(
            parse("POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 104857600\r\n\r\n", bodyLimit: 1024)
                == [.failure(status: 413, type: "body-too-large")])
    }

    @Test func asksForTheBodyWhenTheClientExpects100Continue() {
        let head = "POST /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        #expect(
            parse([Array(head.utf8), Array("ok".utf8)])
                == [.continueExpected, .request(method: "POST", target: "/u", body: "ok", keepAlive: true)])
    }

    @Test func refusesAnExpectedBodyOverTheLimitWithout100Continue() {
        let head = "POST /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n"
        #expect(parse(head, bodyLimit: 1000) == [.failure(status: 413, type: "body-too-large")])
    }

    @Test func asksTheBodyLimitFromTheRequestHead() {
        var parser = HTTPRequestParser(limits: .init()) { head in head.target == "/big" ? 10 : 2 }
        parser.append(Array("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8))
        guard case .request(let request, _) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.body.count == 5)
        parser.append(Array("POST /small HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello".utf8))
        guard case .failure(let rejection) = parser.next() else {
            Issue.record("expected a failure")
            return
        }
        #expect(rejection.status == .contentTooLarge)
    }

    // MARK: Malformed request lines

    @Test func rejectsARequestLineWithTooFewSpaces() {
        #expect(rejection("GET /\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsARequestLineWithTooManySpaces() {
        #expect(rejection("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
        #expect(rejection("GET / HTTP/1.1 \r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsAnEmptyMethod() {
        #expect(rejection(" / HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsAMethodWithNonTokenCharacters() {
        #expect(rejection("GE(T / HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsATargetThatIsNotAnAbsolutePath() {
        #expect(rejection("GET index.html HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsTheAbsoluteForm() {
        #expect(rejection("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsAsteriskForMethodsOtherThanOptions() {
        #expect(rejection("GET * HTTP/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsJunkAfterTheVersion() {
        #expect(rejection("GET / HTTP/1.1x\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func rejectsAMalformedVersion() {
        #expect(rejection("GET / HTTP/1\r\nHost: a\r\n\r\n") == malformed)
        #expect(rejection("GET / http/1.1\r\nHost: a\r\n\r\n") == malformed)
    }

    @Test func answersHTTP2With505() {
        #expect(
            rejection("GET / HTTP/2.0\r\nHost: a\r\n\r\n") == .failure(status: 505, type: "unsupported-http-version"))
    }

    @Test func rejectsABareCarriageReturn() {
        #expect(rejection("GET / HTTP/1.1\rHost: a\r\n\r\n") == malformed)
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n") == malformed)
    }

    @Test func answersARequestLineOverTheLimitWith414BeforeItEnds() {
        let line = "GET /" + String(repeating: "a", count: 9000)
        #expect(rejection(line) == .failure(status: 414, type: "request-line-too-long"))
    }

    // MARK: Malformed header sections

    @Test func rejectsAHeaderLineWithoutColon() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n") == malformed)
    }

    @Test func rejectsWhitespaceBeforeTheColon() {
        #expect(rejection("GET / HTTP/1.1\r\nHost : a\r\n\r\n") == malformed)
    }

    @Test func rejectsObsoleteLineFolding() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nX-Long: one\r\n two\r\n\r\n") == malformed)
    }

    @Test func rejectsControlCharactersInFieldValues() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n") == malformed)
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}b\r\n\r\n") == malformed)
    }

    @Test func rejectsHTTP11RequestsWithoutHost() {
        #expect(rejection("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") == malformed)
    }

    @Test func rejectsMoreThanOneHost() {
        #expect(rejection("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") == malformed)
    }

    @Test func answersAHeaderSectionOverTheLimitWith431() {
        let headers = (0..<20).map { "X-\($0): \(String(repeating: "v", count: 100))\r\n" }.joined()
        #expect(
            rejection("GET / HTTP/1.1\r\nHost: a\r\n\(headers)\r\n", limits: .init(maxHeaderBytes: 1024))
                == .failure(status: 431, type: "headers-too-large"))
    }

    @Test func answersAHeaderLineOverTheLimitWith431BeforeItEnds() {
        let text = "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "v", count: 40_000)
        #expect(rejection(text) == .failure(status: 431, type: "headers-too-large"))
    }

    @Test func answersTooManyHeadersWith431() {
        let headers = (0..<101).map { "X-\($0): v\r\n" }.joined()
        #expect(
            rejection("GET / HTTP/1.1\r\nHost: a\r\n\(headers)\r\n") == .failure(status: 431, type: "too-many-headers"))
    }

    // MARK: Framing

    @Test func rejectsContentLengthWithTransferEncoding() {
        #expect(
            rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                == malformed)
    }

    @Test func rejectsDifferingContentLengths() {
        #expect(
            rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd") == malformed)
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 4\r\n\r\nabcd") == malformed)
    }

    @Test func acceptsRepeatedIdenticalContentLengths() {
        #expect(
            parse("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc")
                == [.request(method: "POST", target: "/", body: "abc", keepAlive: true)])
    }

    @Test func rejectsAnInvalidContentLength() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") == malformed)
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n") == malformed)
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n") == malformed)
    }

    @Test func rejectsUnknownTransferCodings() {
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == malformed)
        #expect(rejection("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n") == malformed)
    }

    @Test func rejectsTransferEncodingInHTTP10() {
        #expect(rejection("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") == malformed)
    }

    // MARK: Robustness

    @Test func survivesRandomMutationsOfValidRequests() {
        let seeds = [
            "POST /a?b=c HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody",
            "PUT /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n",
        ].map { Array($0.utf8) }
        let alphabet = Array("\r\n :;,/0123456789aAfF-\t\u{0}\u{7F}\u{FF}".utf8)
        var random = SplitMix64(seed: 42)
        let limits = HTTPServerConfiguration.Limits(maxRequestLineLength: 64, maxHeaderBytes: 128, maxHeaderCount: 4)
        for iteration in 0..<5_000 {
            var bytes = seeds[iteration % seeds.count]
            for _ in 0...(random.next() % 4) {
                let position = Int(random.next() % UInt64(bytes.count))
                switch random.next() % 3 {
                case 0: bytes[position] = alphabet[Int(random.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(random.next() % UInt64(alphabet.count))], at: position)
                }
            }
            let split = Int(random.next() % UInt64(bytes.count))
            let outcomes = parse([Array(bytes[..<split]), Array(bytes[split...])], limits: limits, bodyLimit: 16)
            #expect(outcomes.count <= 3)
        }
    }

    // MARK: Cost

    @Test func parsesAHugeHeaderLineFedByteByByteInLinearTime() {
        let size = 256 * 1024
        let limits = HTTPServerConfiguration.Limits(maxHeaderBytes: 2 * size)
        var parser = HTTPRequestParser(limits: limits) { _ in 0 }
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ".utf8))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let piece: [UInt8] = [0x76]
            for _ in 0..<size {
                parser.append(piece)
                guard case .needMoreData = parser.next() else { return }
            }
            parser.append(Array("\r\n\r\n".utf8))
            guard case .request = parser.next() else { return }
        }
        #expect(parser.phase == .idle)
        // A parser that rescanned its buffer on each byte would need minutes here.
        #expect(elapsed < .seconds(10))
    }
}

/// A small seeded generator so the mutation test sees the same inputs on every run.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
