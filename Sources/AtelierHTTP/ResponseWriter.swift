/// Serialises a response, head and body, into one contiguous buffer so the connection
/// can hand it to the kernel with a single `send`. The transport owns framing: it
/// writes `Content-Length` and `Connection` itself and drops any the responder set
/// (except a HEAD response's own `Content-Length` when it has no body to measure),
/// and it drops fields whose name or value could split the response (CR, LF, NUL).
enum ResponseWriter {
    /// Written before reading a body that the client announced with `Expect: 100-continue`.
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// How the body after a head is delimited.
    enum Framing: Equatable {
        /// `Content-Length`: the whole body, or a streamed body of known size.
        case length(Int)
        /// `Transfer-Encoding: chunked`: a streamed body of unknown size (HTTP/1.1 clients).
        case chunked
        /// No length: the body ends when the connection closes (HTTP/1.0 clients).
        case untilClose
    }

    /// Appends `response` to `output` and returns whether the connection stays open:
    /// only when `keepAlive` allows it and the responder did not send `Connection: close`.
    /// - Parameters:
    ///   - omitBody: true for HEAD: the head announces the length but no body follows.
    ///   - http10Client: HTTP/1.0 clients are told `Connection: keep-alive` explicitly.
    static func append(
        _ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, http10Client: Bool, date: [UInt8],
        to output: inout [UInt8]
    ) -> Bool {
        var length = response.body.count
        if omitBody, response.body.isEmpty, let declared = response.headers["Content-Length"], let value = Int(declared),
            value >= 0
        {
            length = value
        }
        output.reserveCapacity(output.count + 160 + (omitBody ? 0 : response.body.count))
        let keptAlive = appendHead(
            response, framing: .length(length), keepAlive: keepAlive, http10Client: http10Client, date: date,
            to: &output)
        if hasContent(response.status) && !omitBody {
            output.append(contentsOf: response.body)
        }
        return keptAlive
    }

    /// Appends the status line and header fields, framed as `framing` says, and returns
    /// whether the connection stays open (never after an `untilClose` body).
    static func appendHead(
        _ response: HTTPResponse, framing: Framing, keepAlive: Bool, http10Client: Bool, date: [UInt8],
        to output: inout [UInt8]
    ) -> Bool {
        let code = response.status.code
        output.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(code, to: &output)
        output.append(.space)
        output.append(contentsOf: response.status.reasonPhrase.utf8)
        output.append(contentsOf: crlf)

        var hasDate = false
        var hasServer = false
        var keepAlive = keepAlive && framing != .untilClose
        for field in response.headers {
            let name = field.name.utf8
            if equalsIgnoringCase(name, "connection") {
                if field.value.utf8.count == 5 && equalsIgnoringCase(field.value.utf8, "close") { keepAlive = false }
                continue
            }
            if equalsIgnoringCase(name, "content-length") || equalsIgnoringCase(name, "transfer-encoding") { continue }
            guard isSafe(name), isSafe(field.value.utf8) else { continue }
            if equalsIgnoringCase(name, "date") { hasDate = true }
            if equalsIgnoringCase(name, "server") { hasServer = true }
            output.append(contentsOf: name)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
        if !hasDate {
            output.append(contentsOf: "Date: ".utf8)
            output.append(contentsOf: date)
            output.append(contentsOf: crlf)
        }
        if !hasServer {
            output.append(contentsOf: "Server: atelier\r\n".utf8)
        }
        if hasContent(response.status) {
            switch framing {
            case .length(let length):
                output.append(contentsOf: "Content-Length: ".utf8)
                appendDecimal(length, to: &output)
                output.append(contentsOf: crlf)
            case .chunked:
                output.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
            case .untilClose:
                break
            }
        }
        if !keepAlive {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if http10Client {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        output.append(contentsOf: crlf)
        return keepAlive
    }

    /// Appends one piece of a streamed body, in chunked framing when `chunked`.
    static func appendBodyPiece(_ bytes: [UInt8], chunked: Bool, to output: inout [UInt8]) {
        guard chunked else {
            output.append(contentsOf: bytes)
            return
        }
        output.append(contentsOf: String(bytes.count, radix: 16).utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: bytes)
        output.append(contentsOf: crlf)
    }

    /// The last chunk of a chunked body (no trailers).
    static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    /// Whether a response with this status has a body at all (1xx, 204 and 304 never do).
    static func hasContent(_ status: HTTPStatus) -> Bool {
        !(status.code < 200 || status.code == 204 || status.code == 304)
    }

    private static let crlf: [UInt8] = [0x0D, 0x0A]

    private static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 10 {
            output.append(UInt8(0x30 + value))
            return
        }
        appendDecimal(value / 10, to: &output)
        output.append(UInt8(0x30 + value % 10))
    }

    private static func isSafe(_ bytes: String.UTF8View) -> Bool {
        !bytes.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }

    private static func equalsIgnoringCase(_ bytes: String.UTF8View, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        var index = 0
        for byte in bytes {
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lowered != lowercase.utf8Start[index] { return false }
            index += 1
        }
        return true
    }
}

extension UInt8 {
    fileprivate static let space: UInt8 = 0x20
}
