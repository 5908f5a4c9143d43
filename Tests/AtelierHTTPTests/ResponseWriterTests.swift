import Testing

@testable import AtelierHTTP

private let date = Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8)

private func serialize(
    _ response: HTTPResponse, omitBody: Bool = false, keepAlive: Bool = true, http10Client: Bool = false
) -> (text: String, keptAlive: Bool) {
    var output: [UInt8] = []
    let keptAlive = ResponseWriter.append(
        response, omitBody: omitBody, keepAlive: keepAlive, http10Client: http10Client, date: date, to: &output)
    return (String(decoding: output, as: UTF8.self), keptAlive)
}

@Suite("ResponseWriter")
struct ResponseWriterTests {
    @Test func writesStatusLineHeadersDateServerLengthAndBodyInOneBuffer() {
        let response = HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: Array("hi".utf8))
        #expect(
            serialize(response).text
                == "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Server: atelier\r\nContent-Length: 2\r\n\r\nhi")
    }

    @Test func replacesFramingHeadersSetByTheResponder() {
        let response = HTTPResponse(
            status: .ok, headers: ["Content-Length": "7777", "Transfer-Encoding": "chunked"], body: Array("abc".utf8))
        let text = serialize(response).text
        #expect(!text.contains("7777"))
        #expect(!text.contains("chunked"))
        #expect(text.contains("Content-Length: 3\r\n"))
    }

    @Test func dropsFieldsThatWouldSplitTheResponse() {
        let response = HTTPResponse(status: .ok, headers: ["X-Evil": "a\r\nSet-Cookie: b", "X-Fine": "ok"])
        let text = serialize(response).text
        #expect(!text.contains("Set-Cookie"))
        #expect(text.contains("X-Fine: ok\r\n"))
    }

    @Test func keepsTheResponderDateAndServer() {
        let response = HTTPResponse(status: .ok, headers: ["Date": "yesterday", "Server": "other"])
        let text = serialize(response).text
        #expect(text.contains("Date: yesterday\r\n"))
        #expect(text.contains("Server: other\r\n"))
        #expect(!text.contains("atelier"))
    }

    @Test func announcesCloseWhenTheConnectionWillClose() {
        let (text, keptAlive) = serialize(HTTPResponse(status: .ok), keepAlive: false)
        #expect(text.contains("Connection: close\r\n"))
        #expect(!keptAlive)
    }

    @Test func closesWhenTheResponderAsksForIt() {
        let (text, keptAlive) = serialize(HTTPResponse(status: .ok, headers: ["Connection": "Close"]))
        #expect(text.contains("Connection: close\r\n"))
        #expect(!keptAlive)
    }

    @Test func tellsHTTP10ClientsThatTheConnectionStaysOpen() {
        #expect(serialize(HTTPResponse(status: .ok), http10Client: true).text.contains("Connection: keep-alive\r\n"))
    }

    @Test func omitsTheBodyOfAHeadResponseButKeepsItsLength() {
        let text = serialize(HTTPResponse(status: .ok, body: Array("hello".utf8)), omitBody: true).text
        #expect(text.hasSuffix("Content-Length: 5\r\n\r\n"))
    }

    @Test func keepsTheDeclaredLengthOfABodilessHeadResponse() {
        let text = serialize(HTTPResponse(status: .ok, headers: ["Content-Length": "42"]), omitBody: true).text
        #expect(text.hasSuffix("Content-Length: 42\r\n\r\n"))
    }

    @Test func sendsNeitherLengthNorBodyFor204() {
        let text = serialize(HTTPResponse(status: .noContent, body: Array("x".utf8))).text
        #expect(!text.contains("Content-Length"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }
}

@Suite("HTTPDate")
struct HTTPDateTests {
    @Test func formatsIMFFixdate() {
        #expect(
            String(decoding: HTTPDate.format(secondsSinceEpoch: 784_111_777), as: UTF8.self)
                == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func padsSingleDigitFields() {
        #expect(
            String(decoding: HTTPDate.format(secondsSinceEpoch: 0), as: UTF8.self) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }
}

@Suite("RequestRejection")
struct RequestRejectionTests {
    @Test func becomesAProblemJSONResponseWithAStableType() {
        let response = RequestRejection.malformed("A header line has no \"colon\".").response
        #expect(response.status == .badRequest)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == #"{"type":"https://atelier.dev/problems/malformed-request","title":"Bad Request","status":400,"#
                + #""detail":"A header line has no \"colon\"."}"#)
    }
}
