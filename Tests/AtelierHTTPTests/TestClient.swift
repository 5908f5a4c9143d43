import Foundation
import Glibc

/// A blocking HTTP/1.1 client over a raw socket, so tests control every byte sent and
/// see every byte received. Reads time out after a few seconds so a broken server
/// fails a test instead of hanging it. Use it from `onThread`, never on the
/// cooperative pool, which the server's responders need.
final class TestClient {
    struct Response {
        let statusCode: Int
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var bodyText: String { String(decoding: body, as: UTF8.self) }
    }

    enum Failure: Error {
        case connect(Int32)
        case send(Int32)
        case closedBeforeResponse
        case malformedResponse(String)
    }

    private var fd: Int32
    private var buffer: [UInt8] = []

    /// The default read timeout only proves liveness: other suites in the same process (CPU-bound
    /// algorithm fits) can hold Swift's cooperative pool, on which responders run, for seconds.
    init(port: UInt16, timeout: Duration = .seconds(30)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw Failure.connect(code)
        }
        var time = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close()
    }

    /// Closes the socket now rather than when the client is released.
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure.send(errno) }
            offset += sent
        }
    }

    /// Tells the server that nothing more will be sent, keeping the read side open.
    func shutdownWrite() {
        Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    /// Sends what it can and ignores errors: for peers that the server may already have dropped.
    func sendIgnoringErrors(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
    }

    /// Reads one response (status line, headers, Content-Length body); `bodyExpected: false` for HEAD.
    func readResponse(bodyExpected: Bool = true) throws -> Response {
        let headEnd = try readUntil([13, 10, 13, 10])
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let code = Int(statusLine[1]) else {
            throw Failure.malformedResponse(head)
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        let response = Response(statusCode: code, headers: headers, body: [])
        guard bodyExpected, let length = response.header("Content-Length").flatMap(Int.init), length > 0 else {
            return response
        }
        while buffer.count < length {
            guard try readMore() else { throw Failure.closedBeforeResponse }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(statusCode: code, headers: headers, body: body)
    }

    /// True when the server closed the connection (end of file or reset) with nothing more to read.
    func isClosedByServer() -> Bool {
        guard buffer.isEmpty else { return false }
        return (try? readMore()) == false
    }

    /// Reads until the server closes the connection or the read times out.
    func readUntilClosed() -> [UInt8] {
        while (try? readMore()) == true {}
        defer { buffer.removeAll() }
        return buffer
    }

    private func readUntil(_ marker: [UInt8]) throws -> Int {
        var searchFrom = 0
        while true {
            if buffer.count >= marker.count {
                for start in searchFrom...(buffer.count - marker.count)
                where buffer[start..<start + marker.count].elementsEqual(marker) {
                    return start
                }
                searchFrom = buffer.count - marker.count + 1
            }
            guard try readMore() else { throw Failure.closedBeforeResponse }
        }
    }

    /// False on end of file or connection reset; throws on timeout.
    private func readMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 || errno == ECONNRESET { return false }
        throw Failure.malformedResponse("read failed: errno \(errno)")
    }
}

/// Runs blocking client code on its own thread so it never starves the cooperative
/// pool that the server's responders run on.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}
