/// A fully received request. The transport has already enforced framing and size
/// limits, so everything above it can trust `body` to be complete and bounded.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as received (origin form: path plus optional query).
    public var target: String
    /// The path part of `target`, still percent-encoded; the router decodes segments.
    public var path: String
    /// The query part of `target` without the `?`, still percent-encoded; nil when absent.
    public var query: String?
    public var versionMinor: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The body when it was larger than the spool threshold; `body` is then empty. Only routes
    /// that accept large bodies (imports) see one.
    public var spooledBody: SpooledBody?
    /// Peer address as "ip:port", for logs.
    public var remoteAddress: String

    public init(
        method: HTTPMethod, target: String, versionMinor: Int = 1, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = [], remoteAddress: String = ""
    ) {
        self.method = method
        self.target = target
        if let questionMark = target.firstIndex(of: "?") {
            path = String(target[..<questionMark])
            query = String(target[target.index(after: questionMark)...])
        } else {
            path = target
            query = nil
        }
        self.versionMinor = versionMinor
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }
}

/// What the transport knows before it reads a body: enough to choose a per-route
/// body limit or to refuse `Expect: 100-continue` early.
public struct HTTPRequestHead: Sendable {
    public var method: HTTPMethod
    public var target: String
    public var headers: HTTPHeaders

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders) {
        self.method = method
        self.target = target
        self.headers = headers
    }
}
