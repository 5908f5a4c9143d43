import AtelierHTTP

/// An RFC 9457 problem detail: the one shape every error response of the API takes.
///
/// Clients branch on `type` (a stable URI that never changes meaning), show `title`
/// and `detail` to humans, and use the extension members to fix their request:
/// `field` points at the offending member as an RFC 6901 JSON pointer, `hint` says
/// what would be accepted, `errors` reports items of a batch one by one, and
/// `requestId` lets support find the matching log line.
///
/// Throw a `Problem` from a handler or middleware; the application turns it into an
/// `application/problem+json` response and stamps the request id on it.
public struct Problem: Error, Codable, Sendable {
    /// A stable URI identifying the kind of problem; see `Problem.typeURI(_:)`.
    public var type: String
    /// A short summary that is the same for every occurrence of `type`.
    public var title: String
    /// The HTTP status code, repeated in the body so it survives proxies that rewrite the status.
    public var status: Int
    /// What went wrong with this request, in words meant for the client developer.
    public var detail: String
    /// A URI for this occurrence, when one exists.
    public var instance: String?
    /// JSON pointer (RFC 6901) of the request member at fault, e.g. `/items/3/price`; `""` is the whole body.
    public var field: String?
    /// What would have been accepted, or how to fix the request.
    public var hint: String?
    /// Per-item results of a batch, so good items are kept and bad ones are reported by index.
    public var errors: [Issue]?
    /// The request id, echoed from `X-Request-Id`, so a client report can be matched to logs.
    public var requestId: String?
    /// Response headers the problem needs (`Allow` for 405, `Retry-After` for 503);
    /// not part of the body.
    public var headers: HTTPHeaders
    /// Why the server failed, for the log only; never encoded.
    var diagnostic: String?

    /// One failed item of a batch, or one of several faults in a single document.
    public struct Issue: Codable, Sendable, Hashable {
        /// Position of the item in the submitted batch, when the fault belongs to an item.
        public var index: Int?
        /// JSON pointer of the member at fault, relative to the item when `index` is set.
        public var field: String?
        public var detail: String

        public init(index: Int? = nil, field: String? = nil, detail: String) {
            self.index = index
            self.field = field
            self.detail = detail
        }
    }

    public init(
        type: String, title: String, status: HTTPStatus, detail: String, instance: String? = nil,
        field: String? = nil, hint: String? = nil, errors: [Issue]? = nil, headers: HTTPHeaders = HTTPHeaders()
    ) {
        self.type = type
        self.title = title
        self.status = status.code
        self.detail = detail
        self.instance = instance
        self.field = field
        self.hint = hint
        self.errors = errors
        self.requestId = nil
        self.headers = headers
        self.diagnostic = nil
    }

    /// The URI of a problem type owned by Atelier, e.g. `typeURI("malformed-json")`.
    /// Domain code uses it for its own stable types so every type shares one namespace.
    public static func typeURI(_ slug: String) -> String {
        "https://atelier.dev/problems/\(slug)"
    }

    /// The status as an `HTTPStatus`, with the standard reason phrase when one is known.
    public var httpStatus: HTTPStatus {
        Self.knownStatuses.first { $0.code == status } ?? HTTPStatus(code: status, reasonPhrase: title)
    }

    private static let knownStatuses: [HTTPStatus] = [
        .badRequest, .unauthorized, .forbidden, .notFound, .methodNotAllowed, .notAcceptable, .requestTimeout,
        .conflict, .gone, .lengthRequired, .contentTooLarge, .uriTooLong, .unsupportedMediaType,
        .unprocessableContent, .tooManyRequests, .requestHeaderFieldsTooLarge, .internalServerError,
        .notImplemented, .serviceUnavailable, .gatewayTimeout,
    ]

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, field, hint, errors, requestId
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        title = try container.decode(String.self, forKey: .title)
        status = try container.decode(Int.self, forKey: .status)
        detail = try container.decode(String.self, forKey: .detail)
        instance = try container.decodeIfPresent(String.self, forKey: .instance)
        field = try container.decodeIfPresent(String.self, forKey: .field)
        hint = try container.decodeIfPresent(String.self, forKey: .hint)
        errors = try container.decodeIfPresent([Issue].self, forKey: .errors)
        requestId = try container.decodeIfPresent(String.self, forKey: .requestId)
        headers = HTTPHeaders()
        diagnostic = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(instance, forKey: .instance)
        try container.encodeIfPresent(field, forKey: .field)
        try container.encodeIfPresent(hint, forKey: .hint)
        try container.encodeIfPresent(errors, forKey: .errors)
        try container.encodeIfPresent(requestId, forKey: .requestId)
    }
}

extension Problem: CustomStringConvertible {
    public var description: String { "\(status) \(type): \(detail)" }
}
