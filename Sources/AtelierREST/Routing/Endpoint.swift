import AtelierHTTP

/// A route ready to serve: its pattern, options, and handler already wrapped in the
/// route's middleware. Immutable, shared by every request that matches it.
final class Endpoint: Sendable {
    let method: HTTPMethod
    /// The pattern text, e.g. `/v1/keys/{id}`.
    let pattern: String
    let segments: [RoutePattern.Segment]
    let parameterNames: [String]
    let options: RouteOptions
    let handler: RouteHandler

    init(method: HTTPMethod, pattern: RoutePattern, options: RouteOptions, handler: @escaping RouteHandler) {
        self.method = method
        self.pattern = pattern.text
        self.segments = pattern.segments
        self.parameterNames = pattern.parameterNames
        self.options = options
        self.handler = handler
    }
}
