import AtelierHTTP

/// What handles a request: a route's handler, or a handler wrapped in middleware.
public typealias RouteHandler = @Sendable (Request) async throws -> HTTPResponse

/// A layer around handlers: it may change the request, answer on its own, or change
/// the response of the layers inside it (`next`).
///
/// Middleware is composed once when the application is built, never per request, so
/// a chain costs one closure call per layer. Throw a `Problem` (or a
/// `ProblemConvertible` error) to refuse a request.
public protocol Middleware: Sendable {
    func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse
}

extension Middleware {
    /// `handler` wrapped in this middleware.
    func wrapping(_ handler: @escaping RouteHandler) -> RouteHandler {
        { request in try await self.handle(request, next: handler) }
    }
}

extension Array where Element == any Middleware {
    /// `handler` wrapped so the first element is the outermost layer.
    func wrapping(_ handler: @escaping RouteHandler) -> RouteHandler {
        reversed().reduce(handler) { inner, middleware in middleware.wrapping(inner) }
    }
}
