/// The one thing the transport calls: turn a complete request into a response.
/// Responders never throw; every failure is already a response (problem+json in the REST layer).
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) async -> HTTPResponse

    /// The largest body this request may carry, decided from its head before any body
    /// byte is read; nil means the server's configured default. Lets one route accept a
    /// large import while every other route keeps a small limit.
    func maximumBodySize(for head: HTTPRequestHead) -> Int?

    /// How long the responder may work on this request before its task is cancelled; nil
    /// means the server's configured responder timeout. Lets an import run for as long as its
    /// file takes while every other route keeps a short deadline.
    func responderTimeout(for request: HTTPRequest) -> Duration?
}

extension HTTPResponder {
    public func maximumBodySize(for head: HTTPRequestHead) -> Int? { nil }

    public func responderTimeout(for request: HTTPRequest) -> Duration? { nil }
}
