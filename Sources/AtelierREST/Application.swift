import AtelierHTTP
import Logging

/// The REST application the transport calls: routing, middleware and error mapping
/// composed once at start-up into one immutable, `Sendable` responder.
///
/// For each request, in order:
/// 1. the route is resolved and the request id settled (see `RequestID`);
/// 2. `middleware` runs, first element outermost (access log, metrics, timeout, …);
/// 3. an `ErrorMiddleware` turns errors of the routes and their group middleware into
///    problems, so the middleware above sees statuses;
/// 4. the route's own middleware and handler run (404, 405 and 413 are answered here).
///
/// Whatever escapes the global middleware is mapped the same way, so `respond(to:)`
/// never throws, every error response is `application/problem+json` with `requestId`,
/// and every response carries `X-Request-Id`. HEAD responses lose their body.
public struct Application: HTTPResponder {
    private let routes: RouteTable
    private let errors: ErrorMiddleware
    private let pipeline: RouteHandler

    public init(routes: RouteTable, middleware: [any Middleware] = [], logger: Logger) {
        self.routes = routes
        self.errors = ErrorMiddleware(logger: logger)
        self.pipeline = (middleware + [errors]).wrapping(Self.dispatch)
    }

    public func respond(to http: HTTPRequest) async -> HTTPResponse {
        var request = Request(http: http, resolution: routes.resolve(method: http.method, path: http.path))
        request.requestID = RequestID.resolve(from: http.headers)
        var response: HTTPResponse
        do {
            response = try await pipeline(request)
        } catch {
            response = errors.response(for: error, to: request)
        }
        response.headers.replaceOrAdd(name: RequestID.headerName, value: request.requestID)
        if http.method == .head { response.body = [] }
        return response
    }

    /// The matched route's `maxBodySize`; nil (the server default) when it has none or
    /// nothing matches — an unmatched request is answered 404/405 without its body mattering.
    public func maximumBodySize(for head: HTTPRequestHead) -> Int? {
        let path = head.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard case .matched(let endpoint, _) = routes.resolve(method: head.method, path: String(path)) else {
            return nil
        }
        return endpoint.options.maxBodySize
    }

    /// The matched route's `timeout`; nil (the server's responder timeout) otherwise.
    public func responderTimeout(for request: HTTPRequest) -> Duration? {
        guard case .matched(let endpoint, _) = routes.resolve(method: request.method, path: request.path) else {
            return nil
        }
        return endpoint.options.timeout
    }

    @Sendable private static func dispatch(_ request: Request) async throws -> HTTPResponse {
        switch request.resolution {
        case .matched(let endpoint, _):
            if let limit = endpoint.options.maxBodySize, request.http.body.count > limit {
                throw Problem.payloadTooLarge(limit: limit)
            }
            return try await endpoint.handler(request)
        case .methodNotAllowed(_, let allowed):
            throw Problem.methodNotAllowed(allowed: allowed)
        case .notFound:
            throw Problem.notFound()
        case .invalidPath:
            throw Problem.badRequest("The path has a malformed percent-escape or is not UTF-8 once decoded.")
        }
    }
}
