import Glibc

/// Incremental, strict HTTP/1.1 request parser over raw bytes.
///
/// Bytes arrive in arbitrary pieces; `next()` turns them into complete requests in
/// order, so pipelined requests in one read come out one by one. The parser never
/// rescans bytes it has already looked at (the search for the end of a line resumes
/// where it stopped), and it enforces every size limit while the bytes arrive, so a
/// client can neither make it quadratic nor make it buffer more than the limits allow.
///
/// Line ends are CRLF; a bare LF is accepted as RFC 9112 §2.2 allows, a bare CR is
/// rejected. Trailer fields of chunked bodies are validated and counted, then dropped.
struct HTTPRequestParser {
    enum Event {
        /// Every buffered byte is consumed or waits for the rest of its line or body.
        case needMoreData
        /// The head carried `Expect: 100-continue`, its declared body is within the limit
        /// and none of it has arrived yet: the client waits for `100 Continue`.
        case continueExpected
        /// A complete request; `keepAlive` says whether the client lets the connection live on.
        case request(HTTPRequest, keepAlive: Bool)
        /// The bytes break the protocol or a limit; the parser stays failed.
        case failure(RequestRejection)
    }

    /// Where the request being received stands, so the connection picks the right timeout.
    enum Phase {
        case idle
        case head
        case body
    }

    private enum State {
        case requestLine
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLines
        case failed(RequestRejection)
    }

    private enum Line {
        case complete(Range<Int>)
        case incomplete
        case tooLong
    }

    private static let maxChunkSizeLineLength = 4096

    private let limits: HTTPServerConfiguration.Limits
    private let bodyLimit: (HTTPRequestHead) -> Int

    private var buffer: [UInt8] = []
    /// First byte not yet consumed.
    private var readIndex = 0
    /// Where the search for the next LF resumes; bytes before it hold no LF.
    private var scanIndex = 0
    private var state = State.requestLine

    private var method = HTTPMethod.get
    private var target = ""
    private var versionMinor = 1
    private var fields: [HTTPHeaders.Element] = []
    private var sectionBytes = 0
    private var sectionFieldCount = 0
    private var hostCount = 0
    private var contentLength: Int?
    private var transferEncodingSeen = false
    private var chunked = false
    private var connectionClose = false
    private var connectionKeepAlive = false
    private var expectsContinue = false
    private var body: BodyAccumulator
    private var currentBodyLimit = 0

    /// - Parameter bodyLimit: the largest body allowed for a request, asked once its head
    ///   is complete and only when it announces a body.
    init(limits: HTTPServerConfiguration.Limits, bodyLimit: @escaping (HTTPRequestHead) -> Int) {
        self.limits = limits
        self.bodyLimit = bodyLimit
        body = BodyAccumulator(threshold: limits.bodySpoolThreshold, directory: limits.bodySpoolDirectory)
    }

    var phase: Phase {
        switch state {
        case .requestLine: readIndex == buffer.count ? .idle : .head
        case .headerLines, .failed: .head
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLines: .body
        }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    mutating func next() -> Event {
        while true {
            switch state {
            case .failed(let rejection):
                return .failure(rejection)
            case .requestLine:
                switch takeLine(maxLength: limits.maxRequestLineLength) {
                case .incomplete: return .needMoreData
                case .tooLong: return fail(.requestLineTooLong)
                case .complete(let line):
                    // RFC 9112 §2.2: ignore empty lines received before a request line.
                    if line.isEmpty { continue }
                    if let rejection = parseRequestLine(line) { return fail(rejection) }
                    state = .headerLines
                }
            case .headerLines:
                switch takeLine(maxLength: max(0, limits.maxHeaderBytes - sectionBytes)) {
                case .incomplete: return .needMoreData
                case .tooLong: return fail(.headersTooLarge)
                case .complete(let line):
                    sectionBytes += line.count + 2
                    if line.isEmpty {
                        if let event = finishHead() { return event }
                    } else if let rejection = parseFieldLine(line, keep: true) {
                        return fail(rejection)
                    }
                }
            case .fixedBody(let remaining):
                let available = min(remaining, buffer.count - readIndex)
                if available == 0 { return .needMoreData }
                guard body.append(buffer[readIndex..<readIndex + available]) else { return fail(.bodyNotStored) }
                readIndex += available
                scanIndex = readIndex
                if remaining == available { return finishRequest() }
                state = .fixedBody(remaining: remaining - available)
            case .chunkSizeLine:
                switch takeLine(maxLength: Self.maxChunkSizeLineLength) {
                case .incomplete: return .needMoreData
                case .tooLong: return fail(.malformed("A chunk size line is too long."))
                case .complete(let line):
                    if let rejection = parseChunkSizeLine(line) { return fail(rejection) }
                }
            case .chunkData(let remaining):
                let available = min(remaining, buffer.count - readIndex)
                if available == 0 { return .needMoreData }
                guard body.append(buffer[readIndex..<readIndex + available]) else { return fail(.bodyNotStored) }
                readIndex += available
                scanIndex = readIndex
                state = remaining == available ? .chunkDataEnd : .chunkData(remaining: remaining - available)
            case .chunkDataEnd:
                let available = buffer.count - readIndex
                if available == 0 { return .needMoreData }
                var terminator = 1
                if buffer[readIndex] == .cr {
                    if available == 1 { return .needMoreData }
                    terminator = 2
                }
                guard buffer[readIndex + terminator - 1] == .lf else {
                    return fail(.malformed("Chunk data is not followed by CRLF."))
                }
                readIndex += terminator
                scanIndex = readIndex
                state = .chunkSizeLine
            case .trailerLines:
                switch takeLine(maxLength: max(0, limits.maxHeaderBytes - sectionBytes)) {
                case .incomplete: return .needMoreData
                case .tooLong: return fail(.headersTooLarge)
                case .complete(let line):
                    sectionBytes += line.count + 2
                    if line.isEmpty { return finishRequest() }
                    if let rejection = parseFieldLine(line, keep: false) { return fail(rejection) }
                }
            }
        }
    }

    // MARK: - Lines

    /// Finds the next line without looking again at bytes already searched.
    private mutating func takeLine(maxLength: Int) -> Line {
        let end = buffer.count
        let lineFeed: Int? = buffer.withUnsafeBufferPointer { bytes in
            guard scanIndex < end, let base = bytes.baseAddress else { return nil }
            guard let found = memchr(base + scanIndex, 0x0A, end - scanIndex) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let lineFeed else {
            scanIndex = end
            // One byte of slack for the CR of a CRLF still to come.
            return end - readIndex > maxLength + 1 ? .tooLong : .incomplete
        }
        let start = readIndex
        let contentEnd = lineFeed > start && buffer[lineFeed - 1] == .cr ? lineFeed - 1 : lineFeed
        if contentEnd - start > maxLength { return .tooLong }
        readIndex = lineFeed + 1
        scanIndex = readIndex
        return .complete(start..<contentEnd)
    }

    /// Drops consumed bytes once they dominate the buffer, keeping appends amortised linear.
    private mutating func compact() {
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= 4096 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    private mutating func fail(_ rejection: RequestRejection) -> Event {
        body.discard()
        state = .failed(rejection)
        return .failure(rejection)
    }

    // MARK: - Request line

    private mutating func parseRequestLine(_ line: Range<Int>) -> RequestRejection? {
        buffer.withUnsafeBufferPointer { bytes in
            guard let firstSpace = bytes[line].firstIndex(of: .space) else {
                return .malformed("The request line must be 'method SP target SP version'.")
            }
            let afterMethod = firstSpace + 1
            guard let secondSpace = bytes[afterMethod..<line.upperBound].firstIndex(of: .space) else {
                return .malformed("The request line must be 'method SP target SP version'.")
            }
            let methodBytes = line.lowerBound..<firstSpace
            let targetBytes = afterMethod..<secondSpace
            let versionBytes = secondSpace + 1..<line.upperBound
            guard !methodBytes.isEmpty, bytes[methodBytes].allSatisfy(\.isTokenCharacter) else {
                return .malformed("The method must be a non-empty token.")
            }
            guard !targetBytes.isEmpty else {
                return .malformed("The request line must be 'method SP target SP version'.")
            }
            guard bytes[targetBytes].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
                return .malformed("The request target holds a space, a control or a non-ASCII character.")
            }
            guard !bytes[versionBytes].contains(.space) else {
                return .malformed("The request line must be 'method SP target SP version'.")
            }
            guard let minor = Self.parseVersion(bytes[versionBytes]) else {
                return .malformed("The HTTP version must be 'HTTP/1.1' or 'HTTP/1.0'.")
            }
            guard minor >= 0 else { return .unsupportedVersion }
            method = Self.method(bytes[methodBytes])
            let isAsterisk = targetBytes.count == 1 && bytes[targetBytes.lowerBound] == .asterisk
            guard bytes[targetBytes.lowerBound] == .slash || (isAsterisk && method == .options) else {
                return .malformed("The request target must be an absolute path (or '*' for OPTIONS).")
            }
            target = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetBytes]), as: UTF8.self)
            versionMinor = minor
            return nil
        }
    }

    /// The minor version of "HTTP/1.x"; -1 for a well-formed version other than 1.x; nil when malformed.
    private static func parseVersion(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard bytes.count == 8 else { return nil }
        let start = bytes.startIndex
        let prefix: [UInt8] = [0x48, 0x54, 0x54, 0x50, 0x2F]  // "HTTP/"
        for offset in 0..<5 where bytes[start + offset] != prefix[offset] { return nil }
        let major = bytes[start + 5]
        let dot = bytes[start + 6]
        let minor = bytes[start + 7]
        guard major.isDigit, dot == .dot, minor.isDigit else { return nil }
        return major == 0x31 ? Int(minor - 0x30) : -1
    }

    private static func method(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> HTTPMethod {
        switch bytes.count {
        case 3:
            if bytes.elementsEqual("GET".utf8) { return .get }
            if bytes.elementsEqual("PUT".utf8) { return .put }
        case 4:
            if bytes.elementsEqual("POST".utf8) { return .post }
            if bytes.elementsEqual("HEAD".utf8) { return .head }
        case 5:
            if bytes.elementsEqual("PATCH".utf8) { return .patch }
        case 6:
            if bytes.elementsEqual("DELETE".utf8) { return .delete }
        case 7:
            if bytes.elementsEqual("OPTIONS".utf8) { return .options }
        default:
            break
        }
        return HTTPMethod(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self))
    }

    // MARK: - Field lines

    /// Validates one header (or trailer) line; `keep` stores it and interprets framing fields.
    private mutating func parseFieldLine(_ line: Range<Int>, keep: Bool) -> RequestRejection? {
        sectionFieldCount += 1
        if sectionFieldCount > limits.maxHeaderCount { return .tooManyHeaders }
        return buffer.withUnsafeBufferPointer { bytes -> RequestRejection? in
            let first = bytes[line.lowerBound]
            if first == .space || first == .tab {
                return .malformed("Obsolete line folding (a field line starting with whitespace) is not accepted.")
            }
            var colon = line.lowerBound
            while colon < line.upperBound && bytes[colon].isTokenCharacter { colon += 1 }
            guard colon < line.upperBound else {
                return .malformed("A header line has no colon.")
            }
            switch bytes[colon] {
            case .colon: break
            case .space, .tab: return .malformed("Whitespace between a field name and its colon is not allowed.")
            default: return .malformed("A field name holds a character that is not allowed.")
            }
            guard colon > line.lowerBound else { return .malformed("A header line has an empty field name.") }
            var valueStart = colon + 1
            var valueEnd = line.upperBound
            while valueStart < valueEnd && bytes[valueStart].isWhitespace { valueStart += 1 }
            while valueEnd > valueStart && bytes[valueEnd - 1].isWhitespace { valueEnd -= 1 }
            let name = line.lowerBound..<colon
            let value = valueStart..<valueEnd
            guard bytes[value].allSatisfy(\.isFieldValueCharacter) else {
                return .malformed("A field value holds a control character.")
            }
            guard keep else { return nil }
            if let rejection = interpretFramingField(name: bytes[name], value: bytes[value]) { return rejection }
            fields.append(
                (
                    name: String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self),
                    value: String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
                ))
            return nil
        }
    }

    private mutating func interpretFramingField(
        name: Slice<UnsafeBufferPointer<UInt8>>, value: Slice<UnsafeBufferPointer<UInt8>>
    ) -> RequestRejection? {
        switch name.count {
        case 4 where name.equalsLowercased("host"):
            hostCount += 1
        case 6 where name.equalsLowercased("expect"):
            if value.equalsLowercased("100-continue") { expectsContinue = true }
        case 10 where name.equalsLowercased("connection"):
            for option in value.commaSeparatedElements() {
                if option.equalsLowercased("close") { connectionClose = true }
                if option.equalsLowercased("keep-alive") { connectionKeepAlive = true }
            }
        case 14 where name.equalsLowercased("content-length"):
            for element in value.commaSeparatedElements() {
                guard let length = Self.decimal(element) else {
                    return .malformed("Content-Length must be a non-negative decimal number.")
                }
                if let contentLength, contentLength != length {
                    return .malformed("Content-Length is given more than once with different values.")
                }
                contentLength = length
            }
        case 17 where name.equalsLowercased("transfer-encoding"):
            for coding in value.commaSeparatedElements() {
                guard coding.equalsLowercased("chunked"), !chunked else {
                    return .malformed("Transfer-Encoding must be exactly 'chunked'; other codings are not supported.")
                }
                chunked = true
            }
            transferEncodingSeen = true
        default:
            break
        }
        return nil
    }

    private static func decimal(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte.isDigit else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    // MARK: - Framing

    /// Applies RFC 9112 §6 to the completed head; returns an event, or nil to go on with a body.
    private mutating func finishHead() -> Event? {
        if versionMinor >= 1 && hostCount == 0 {
            return fail(.malformed("HTTP/1.1 requests must carry a Host header."))
        }
        if hostCount > 1 { return fail(.malformed("A request must carry only one Host header.")) }
        if transferEncodingSeen {
            if contentLength != nil {
                return fail(.malformed("A request must not carry both Content-Length and Transfer-Encoding."))
            }
            if !chunked || versionMinor == 0 {
                return fail(.malformed("Transfer-Encoding must be exactly 'chunked' in an HTTP/1.1 request."))
            }
        }
        let declaredLength = contentLength ?? 0
        guard chunked || declaredLength > 0 else { return finishRequest() }
        currentBodyLimit = bodyLimit(HTTPRequestHead(method: method, target: target, headers: HTTPHeaders(fields)))
        if declaredLength > currentBodyLimit { return fail(.bodyTooLarge(limit: currentBodyLimit)) }
        if chunked {
            state = .chunkSizeLine
        } else {
            state = .fixedBody(remaining: declaredLength)
        }
        sectionBytes = 0
        sectionFieldCount = 0
        if expectsContinue && versionMinor >= 1 && readIndex == buffer.count { return .continueExpected }
        return nil
    }

    private mutating func parseChunkSizeLine(_ line: Range<Int>) -> RequestRejection? {
        let result = buffer.withUnsafeBufferPointer { bytes -> (size: Int?, valid: Bool) in
            var index = line.lowerBound
            var size = 0
            while index < line.upperBound, let digit = bytes[index].hexValue {
                guard index - line.lowerBound < 15 else { return (nil, true) }
                size = size * 16 + digit
                index += 1
            }
            guard index > line.lowerBound else { return (nil, false) }
            while index < line.upperBound && bytes[index].isWhitespace { index += 1 }
            if index < line.upperBound {
                guard bytes[index] == .semicolon,
                    bytes[index + 1..<line.upperBound].allSatisfy(\.isFieldValueCharacter)
                else { return (nil, false) }
            }
            return (size, true)
        }
        guard result.valid else { return .malformed("A chunk size line is malformed.") }
        guard let size = result.size, size <= currentBodyLimit - body.count else {
            return .bodyTooLarge(limit: currentBodyLimit)
        }
        state = size == 0 ? .trailerLines : .chunkData(remaining: size)
        return nil
    }

    private mutating func finishRequest() -> Event {
        var request = HTTPRequest(
            method: method, target: target, versionMinor: versionMinor, headers: HTTPHeaders(fields))
        (request.body, request.spooledBody) = body.take()
        let keepAlive = !connectionClose && (versionMinor >= 1 || connectionKeepAlive)
        state = .requestLine
        fields = []
        sectionBytes = 0
        sectionFieldCount = 0
        hostCount = 0
        contentLength = nil
        transferEncodingSeen = false
        chunked = false
        connectionClose = false
        connectionKeepAlive = false
        expectsContinue = false
        return .request(request, keepAlive: keepAlive)
    }
}

extension UInt8 {
    fileprivate static let tab: UInt8 = 0x09
    fileprivate static let lf: UInt8 = 0x0A
    fileprivate static let cr: UInt8 = 0x0D
    fileprivate static let space: UInt8 = 0x20
    fileprivate static let asterisk: UInt8 = 0x2A
    fileprivate static let comma: UInt8 = 0x2C
    fileprivate static let dot: UInt8 = 0x2E
    fileprivate static let slash: UInt8 = 0x2F
    fileprivate static let colon: UInt8 = 0x3A
    fileprivate static let semicolon: UInt8 = 0x3B

    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }

    fileprivate var isWhitespace: Bool { self == .space || self == .tab }

    fileprivate var hexValue: Int? {
        switch self {
        case 0x30...0x39: Int(self - 0x30)
        case 0x41...0x46: Int(self - 0x41 + 10)
        case 0x61...0x66: Int(self - 0x61 + 10)
        default: nil
        }
    }

    /// RFC 9110 §5.6.2 tchar.
    fileprivate var isTokenCharacter: Bool {
        switch self {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// RFC 9110 §5.5 field-vchar, SP or HTAB; obs-text is allowed, control characters are not.
    fileprivate var isFieldValueCharacter: Bool {
        self == .tab || (self >= 0x20 && self != 0x7F)
    }
}

extension Slice<UnsafeBufferPointer<UInt8>> {
    /// ASCII case-insensitive comparison with a lowercase literal.
    fileprivate func equalsLowercased(_ literal: StaticString) -> Bool {
        guard count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        var index = startIndex
        for byte in expected {
            let actual = self[index]
            let lowered = actual >= 0x41 && actual <= 0x5A ? actual | 0x20 : actual
            if lowered != byte { return false }
            index += 1
        }
        return true
    }

    /// The elements of a comma-separated list with surrounding whitespace removed; empty elements kept.
    fileprivate func commaSeparatedElements() -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var elements: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var elementStart = startIndex
        while true {
            var elementEnd = elementStart
            while elementEnd < endIndex && self[elementEnd] != .comma { elementEnd += 1 }
            var lower = elementStart
            var upper = elementEnd
            while lower < upper && self[lower].isWhitespace { lower += 1 }
            while upper > lower && self[upper - 1].isWhitespace { upper -= 1 }
            elements.append(Slice(base: base, bounds: lower..<upper))
            guard elementEnd < endIndex else { return elements }
            elementStart = elementEnd + 1
        }
    }
}
