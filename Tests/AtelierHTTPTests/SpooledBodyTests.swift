import AtelierHTTP
import Foundation
import Testing

/// Bodies over the spool threshold go to an unlinked temporary file, not memory, and reach
/// the responder whole; small bodies stay in memory.
@Suite("Spooled request bodies")
struct SpooledBodyTests {
    /// Answers "memory=<n> spooled=<n> checksum=<sum of bytes>" for the body it got.
    static let inspector = TestResponder(bodyLimit: { _ in 64 * 1024 * 1024 }) { request in
        var sum = 0
        var spooledCount = 0
        if let spooled = request.spooledBody {
            spooledCount = spooled.count
            var offset = 0
            while let chunk = try? spooled.read(at: offset, maximum: 65_536), !chunk.isEmpty {
                sum = chunk.reduce(sum) { $0 &+ Int($1) }
                offset += chunk.count
            }
        }
        sum = request.body.reduce(sum) { $0 &+ Int($1) }
        return HTTPResponse(
            status: .ok, headers: ["Content-Type": "text/plain"],
            body: Array("memory=\(request.body.count) spooled=\(spooledCount) checksum=\(sum)".utf8))
    }

    static func configuration(threshold: Int) -> HTTPServerConfiguration {
        var configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 1)
        configuration.limits.bodySpoolThreshold = threshold
        return configuration
    }

    static func body(_ size: Int) -> [UInt8] { (0..<size).map { UInt8($0 % 251) } }

    @Test func aBodyOverTheThresholdIsSpooledAndDeliveredWhole() async throws {
        let payload = Self.body(3 * 1024 * 1024 + 17)
        try await withServer(Self.configuration(threshold: 1024 * 1024), responder: Self.inspector) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /import HTTP/1.1\r\nHost: test\r\nContent-Length: \(payload.count)\r\n\r\n")
                try client.send(payload)
                return try client.readResponse()
            }
            #expect(response.bodyText == "memory=0 spooled=\(payload.count) checksum=\(payload.reduce(0) { $0 &+ Int($1) })")
        }
    }

    @Test func aChunkedBodyIsSpooledOnceItCrossesTheThreshold() async throws {
        let payload = Self.body(300_000)
        try await withServer(Self.configuration(threshold: 100_000), responder: Self.inspector) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /import HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n")
                for start in stride(from: 0, to: payload.count, by: 70_000) {
                    let chunk = Array(payload[start..<min(payload.count, start + 70_000)])
                    try client.send(String(chunk.count, radix: 16) + "\r\n")
                    try client.send(chunk)
                    try client.send("\r\n")
                }
                try client.send("0\r\n\r\n")
                return try client.readResponse()
            }
            #expect(response.bodyText == "memory=0 spooled=300000 checksum=\(payload.reduce(0) { $0 &+ Int($1) })")
        }
    }

    @Test func aBodyUnderTheThresholdStaysInMemory() async throws {
        try await withServer(Self.configuration(threshold: 1024), responder: Self.inspector) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /small HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello")
                return try client.readResponse()
            }
            #expect(response.bodyText == "memory=5 spooled=0 checksum=\(Array("hello".utf8).reduce(0) { $0 + Int($1) })")
        }
    }

    @Test func spoolFilesLeaveNoTraceInTheSpoolDirectory() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = Self.configuration(threshold: 10)
        configuration.limits.bodySpoolDirectory = directory.path
        try await withServer(configuration, responder: Self.inspector) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n")
                try client.send(Self.body(100))
                return try client.readResponse()
            }
            #expect(response.bodyText.hasPrefix("memory=0 spooled=100"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test func anUnwritableSpoolDirectoryIsRefusedWith503() async throws {
        var configuration = Self.configuration(threshold: 10)
        configuration.limits.bodySpoolDirectory = "/nonexistent/atelier-spool"
        try await withServer(configuration, responder: Self.inspector) { _, port in
            let response = try await onThread {
                let client = try TestClient(port: port)
                try client.send("POST /x HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n")
                try client.send(Self.body(100))
                return try client.readResponse()
            }
            #expect(response.statusCode == 503)
            #expect(response.bodyText.contains("body-not-stored"))
        }
    }
}
