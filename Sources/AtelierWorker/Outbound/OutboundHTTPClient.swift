import AtelierDomain
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client for the worker's outbound calls (signed status callbacks): one
/// POST per connection (`Connection: close`), over a blocking socket on a thread of its own,
/// never on Swift's cooperative pool. Every socket operation is bounded by `timeout`, and only
/// the status line of the answer is read.
public struct OutboundHTTPClient: Sendable {
    public var timeout: Duration

    public init(timeout: Duration = .seconds(10)) {
        self.timeout = timeout
    }

    /// POSTs `body` to `url` and returns the response status code.
    public func post(_ url: CallbackURL, headers: [(name: String, value: String)], body: [UInt8]) async throws -> Int {
        let request = Self.request(url, headers: headers, body: body)
        let seconds = max(1, Int(timeout.components.seconds))
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result { try Self.exchange(request, host: url.host, port: url.port, seconds: seconds) })
            }.start()
        }
    }

    static func request(_ url: CallbackURL, headers: [(name: String, value: String)], body: [UInt8]) -> [UInt8] {
        let host = url.host.contains(":") ? "[\(url.host)]" : url.host
        var head = "POST \(url.target) HTTP/1.1\r\nHost: \(host)\(url.port == 80 ? "" : ":\(url.port)")\r\n"
        head += "User-Agent: atelier\r\nContent-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers where !(name + value).contains(where: { $0 == "\r" || $0 == "\n" }) {
            head += "\(name): \(value)\r\n"
        }
        return Array((head + "\r\n").utf8) + body
    }

    private static func exchange(_ request: [UInt8], host: String, port: UInt16, seconds: Int) throws -> Int {
        let descriptor = try connect(host: host, port: port, seconds: seconds)
        defer { close(descriptor) }
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw OutboundHTTPError("sending to \(host):\(port) failed: \(Self.reason(errno))") }
            offset += sent
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.contains(0x0A), received.count < 8192 {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                throw OutboundHTTPError(
                    count == 0
                        ? "\(host):\(port) closed without answering"
                        : "reading from \(host):\(port) failed: \(Self.reason(errno))")
            }
            received += buffer[0..<count]
        }
        let statusLine = String(decoding: received.prefix { $0 != 0x0D && $0 != 0x0A }, as: UTF8.self)
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...599).contains(status)
        else {
            throw OutboundHTTPError("\(host):\(port) answered something other than HTTP/1.x")
        }
        return status
    }

    /// A connected socket to the first address of `host` that accepts, with send and receive
    /// timeouts (on Linux the send timeout also bounds `connect`).
    private static func connect(host: String, port: UInt16, seconds: Int) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw OutboundHTTPError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(first) }
        var lastError: Int32 = 0
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastError = errno
                continue
            }
            var time = timeval(tv_sec: seconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
            if Glibc.connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return descriptor }
            lastError = errno
            close(descriptor)
        }
        throw OutboundHTTPError("cannot connect to \(host):\(port): \(reason(lastError))")
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

/// An outbound call that did not get an answer; the job retries it.
public struct OutboundHTTPError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
