import AtelierHTTP

/// Refuses a body whose `Content-Type` the route does not read (415), before the
/// handler tries to parse, e.g., a form post as JSON and reports a confusing syntax error.
///
/// Requests without a body pass: whether a body is required is the handler's call
/// (`Request.decode` answers 400 missing-body). Routers install this on every route
/// whose options declare `accepts`.
public struct ContentTypeMiddleware: Middleware {
    public let accepted: [MediaType]

    public init(accepting accepted: [MediaType]) {
        self.accepted = accepted
    }

    public func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        guard !request.http.body.isEmpty else { return try await next(request) }
        let header = request.http.headers["Content-Type"]
        guard let mediaType = header.flatMap(MediaType.init(parsing:)),
            accepted.contains(where: { $0.accepts(mediaType) })
        else {
            throw Problem.unsupportedMediaType(expected: accepted, received: header)
        }
        return try await next(request)
    }
}
