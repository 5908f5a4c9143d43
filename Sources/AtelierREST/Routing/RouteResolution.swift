import AtelierHTTP

/// What routing concluded for a method and path.
enum RouteResolution: Sendable {
    case matched(Endpoint, PathParameters)
    /// The path exists (as `pattern`) but not for this method.
    case methodNotAllowed(pattern: String, allowed: [HTTPMethod])
    case notFound
    /// A path segment has a broken percent-escape or is not UTF-8 once decoded.
    case invalidPath
}
