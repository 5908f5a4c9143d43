import AtelierHTTP

/// Something routes can be registered on: the router itself or one of its groups.
public protocol RouteBuilder {
    /// Registers `handler` for `method` at `path` (relative to the group's prefix).
    func on(_ method: HTTPMethod, _ path: String, options: RouteOptions, use handler: @escaping RouteHandler)

    /// Registers routes under `prefix`; `middleware` wraps only the routes added in `build`,
    /// the first element outermost.
    func group(_ prefix: String, middleware: [any Middleware], _ build: (RouterGroup) -> Void)
}

/// Method shorthands. Methods that carry a body read `application/json` (or a
/// `+json` type) unless `accepts` says otherwise; pass `[.any]` to accept any body.
extension RouteBuilder {
    public func get(_ path: String, maxBodySize: Int? = nil, _ handler: @escaping RouteHandler) {
        on(.get, path, options: RouteOptions(maxBodySize: maxBodySize), use: handler)
    }

    /// Only for a HEAD that differs from GET; otherwise GET routes already answer HEAD.
    public func head(_ path: String, _ handler: @escaping RouteHandler) {
        on(.head, path, options: RouteOptions(), use: handler)
    }

    public func delete(_ path: String, maxBodySize: Int? = nil, _ handler: @escaping RouteHandler) {
        on(.delete, path, options: RouteOptions(maxBodySize: maxBodySize), use: handler)
    }

    public func post(
        _ path: String, maxBodySize: Int? = nil, accepts: [MediaType] = [.json], timeout: Duration? = nil,
        _ handler: @escaping RouteHandler
    ) {
        on(.post, path, options: RouteOptions(maxBodySize: maxBodySize, accepts: accepts, timeout: timeout), use: handler)
    }

    public func put(
        _ path: String, maxBodySize: Int? = nil, accepts: [MediaType] = [.json], _ handler: @escaping RouteHandler
    ) {
        on(.put, path, options: RouteOptions(maxBodySize: maxBodySize, accepts: accepts), use: handler)
    }

    public func patch(
        _ path: String, maxBodySize: Int? = nil, accepts: [MediaType] = [.json], _ handler: @escaping RouteHandler
    ) {
        on(.patch, path, options: RouteOptions(maxBodySize: maxBodySize, accepts: accepts), use: handler)
    }

    /// A group without middleware of its own, to share a prefix.
    public func group(_ prefix: String, _ build: (RouterGroup) -> Void) {
        group(prefix, middleware: [], build)
    }
}
