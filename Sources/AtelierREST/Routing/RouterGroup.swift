import AtelierHTTP

/// Routes sharing a path prefix and middleware. Nested groups add their prefix and
/// wrap their middleware inside the enclosing group's.
public struct RouterGroup: RouteBuilder {
    private let router: Router
    private let prefix: String
    private let middleware: [any Middleware]

    init(router: Router, prefix: String, middleware: [any Middleware]) {
        self.router = router
        self.prefix = prefix
        self.middleware = middleware
    }

    public func on(_ method: HTTPMethod, _ path: String, options: RouteOptions, use handler: @escaping RouteHandler) {
        router.register(method, prefix: prefix, path: path, options: options, middleware: middleware, handler: handler)
    }

    public func group(_ prefix: String, middleware: [any Middleware], _ build: (RouterGroup) -> Void) {
        build(RouterGroup(router: router, prefix: self.prefix + "/" + prefix, middleware: self.middleware + middleware))
    }
}
