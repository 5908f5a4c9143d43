import AtelierHTTP

/// One registered route, as written: lets tests compare the server with `openapi.yaml`.
public struct RouteDescription: Hashable, Sendable, CustomStringConvertible {
    public let method: HTTPMethod
    /// The normalised pattern, e.g. `/v1/keys/{id}`.
    public let path: String

    public init(method: HTTPMethod, path: String) {
        self.method = method
        self.path = path
    }

    public var description: String { "\(method) \(path)" }
}
