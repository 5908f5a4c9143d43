/// A response. With `body` (the usual case) the transport adds `Date`, `Content-Length` and
/// `Connection` itself and writes head and body in one send; with `stream` the body is
/// produced while it is sent (see `HTTPBodyStream`) and `body` is ignored.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var stream: HTTPBodyStream?

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
        self.stream = nil
    }

    /// A response whose body `stream` produces while it is sent.
    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), stream: HTTPBodyStream) {
        self.status = status
        self.headers = headers
        self.body = []
        self.stream = stream
    }
}
