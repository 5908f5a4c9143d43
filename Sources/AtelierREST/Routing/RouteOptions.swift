/// Per-route settings that the framework enforces before the handler runs.
public struct RouteOptions: Sendable {
    /// The largest body this route accepts, in bytes; nil keeps the server's default.
    /// The transport reads it (via `Application.maximumBodySize(for:)`) before the body,
    /// so an oversized upload is refused without being buffered.
    public var maxBodySize: Int?
    /// Media types a non-empty body may have (415 otherwise); nil accepts any body.
    public var accepts: [MediaType]?
    /// How long the handler may run before it is cancelled (503 handler-timeout); nil keeps
    /// the server's responder timeout. For long imports.
    public var timeout: Duration?

    public init(maxBodySize: Int? = nil, accepts: [MediaType]? = nil, timeout: Duration? = nil) {
        self.maxBodySize = maxBodySize
        self.accepts = accepts
        self.timeout = timeout
    }
}
