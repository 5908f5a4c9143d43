import AtelierHTTP

/// Collects routes at start-up, then `freeze()`s them into an immutable `RouteTable`.
///
/// The builder is a class so groups can add to it from their closures; it is not
/// `Sendable` and not meant to outlive start-up. Only the frozen table serves requests.
///
/// ```swift
/// let router = Router()
/// router.get("/health") { _ in .text("ok") }
/// router.group("/v1", middleware: [auth]) { v1 in
///     v1.get("/keys/{id}") { request in try .json(keys.find(request.parameter("id", as: UUID.self))) }
/// }
/// let application = Application(routes: try router.freeze(), logger: logger)
/// ```
public final class Router: RouteBuilder {
    private var endpoints: [Endpoint] = []
    private var firstError: RouterError?

    public init() {}

    /// Every (method, pattern) registered, in registration order.
    public var routes: [RouteDescription] {
        endpoints.map { RouteDescription(method: $0.method, path: $0.pattern) }
    }

    public func on(_ method: HTTPMethod, _ path: String, options: RouteOptions, use handler: @escaping RouteHandler) {
        register(method, prefix: "", path: path, options: options, middleware: [], handler: handler)
    }

    public func group(_ prefix: String, middleware: [any Middleware], _ build: (RouterGroup) -> Void) {
        build(RouterGroup(router: self, prefix: prefix, middleware: middleware))
    }

    /// The immutable table serving requests; throws the first mistake in the declarations.
    public func freeze() throws(RouterError) -> RouteTable {
        if let firstError { throw firstError }
        return try RouteTable(endpoints: endpoints)
    }

    func register(
        _ method: HTTPMethod, prefix: String, path: String, options: RouteOptions, middleware: [any Middleware],
        handler: @escaping RouteHandler
    ) {
        do {
            let pattern = try RoutePattern(prefix: prefix, path: path)
            var handler = handler
            if let accepts = options.accepts {
                handler = ContentTypeMiddleware(accepting: accepts).wrapping(handler)
            }
            handler = middleware.wrapping(handler)
            endpoints.append(Endpoint(method: method, pattern: pattern, options: options, handler: handler))
        } catch {
            firstError = firstError ?? error
        }
    }
}
