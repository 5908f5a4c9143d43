import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A local HTTP/1.1 listener standing in for a controller's callback endpoint: records each
/// request (head and body) and answers with the next of `statuses` (200 once they run out).
/// Runs on a thread of its own with blocking sockets; `stop()` closes it.
final class CallbackReceiver: Sendable {
    struct Received: Sendable {
        var requestLine: String
        var headers: [String: String]
        var body: [UInt8]
    }

    let port: UInt16
    private let listener: Int32
    private let state: Mutex<(received: [Received], statuses: [Int])>

    init(statuses: [Int] = []) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw RawHTTPClient.Failure(description: "cannot listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = descriptor
        state = Mutex(([], statuses))
        Thread { [self] in acceptLoop() }.start()
    }

    var url: String { "http://127.0.0.1:\(port)/opendsr/callbacks?tenant=t%201" }

    var received: [Received] { state.withLock { $0.received } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            serve(connection)
            close(connection)
        }
    }

    private func serve(_ connection: Int32) {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        var contentLength = 0
        while true {
            if let end = headEnd, bytes.count >= end + 4 + contentLength { break }
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return }
            bytes += buffer[0..<count]
            if headEnd == nil, let range = bytes.firstRange(of: [13, 10, 13, 10]) {
                headEnd = range.lowerBound
                let head = String(decoding: bytes[..<range.lowerBound], as: UTF8.self)
                contentLength =
                    head.split(separator: "\r\n").compactMap { line -> Int? in
                        line.lowercased().hasPrefix("content-length:")
                            ? Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) : nil
                    }.first ?? 0
            }
        }
        guard let end = headEnd else { return }
        var lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst()
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let status = state.withLock { state in
            state.received.append(
                Received(requestLine: requestLine, headers: headers, body: Array(bytes[(end + 4)...])))
            return state.statuses.isEmpty ? 200 : state.statuses.removeFirst()
        }
        let response = Array("HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        _ = response.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }
}
