/// A response body produced while it is being sent, for bodies too large to hold in memory
/// (a privacy export of a whole customer history). The transport writes the head, then runs
/// `produce`, sending each piece it writes before asking for the next, so a slow client
/// slows the producer down instead of making the server buffer the whole body.
///
/// Framing is the transport's: with a `length` the body goes out with `Content-Length`
/// (the producer must write exactly that many bytes); without one, HTTP/1.1 clients get
/// `Transfer-Encoding: chunked` and HTTP/1.0 clients a body delimited by closing the
/// connection. A producer that throws, or writes a different number of bytes than
/// announced, makes the transport close the connection without completing the body, so the
/// client can tell a cut-off body from a complete one.
public struct HTTPBodyStream: Sendable {
    /// The body's size in bytes when known in advance; nil streams it chunked.
    public var length: Int?
    let produce: @Sendable (HTTPBodyWriter) async throws -> Void

    public init(length: Int? = nil, _ produce: @escaping @Sendable (HTTPBodyWriter) async throws -> Void) {
        self.length = length
        self.produce = produce
    }
}

/// Where a streamed body's producer writes. Each `write` returns once its bytes were handed
/// to the kernel; it throws `HTTPBodyStreamError` when the body can no longer be delivered,
/// and the producer should then stop.
public struct HTTPBodyWriter: Sendable {
    let send: @Sendable ([UInt8]) async throws -> Void

    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await send(bytes)
    }
}

/// Why a streamed body stopped before its producer finished.
public enum HTTPBodyStreamError: Error, Equatable, Sendable {
    /// The connection closed (client gone, write timeout, server shutdown).
    case connectionClosed
    /// The producer wrote more bytes than the `length` it announced.
    case longerThanAnnounced(length: Int)
}
