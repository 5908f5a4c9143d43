import AtelierHTTP
import Foundation

/// What a handler sees: the raw HTTP request plus everything the framework already
/// worked out — the matched route, its decoded path parameters, the decoded query,
/// the request id — and the values middleware attached in `context`.
public struct Request: Sendable {
    /// The request as the transport received it. Routing has already happened:
    /// changing the path here does not re-route.
    public var http: HTTPRequest
    /// Values of the route's `{name}` segments, percent-decoded.
    public internal(set) var parameters: PathParameters
    /// The query string, split and decoded, in order (repeated names are kept).
    public let queryItems: [QueryItem]
    /// Identifies this request in logs, metrics exemplars and problem bodies.
    public internal(set) var requestID: String
    /// The pattern of the matched route (e.g. `/v1/keys/{id}`), nil when nothing matched.
    /// Logs and metrics use it instead of the path to keep cardinality bounded.
    public internal(set) var route: String?
    /// Typed values added by middleware, such as the authenticated tenant.
    public var context: RequestContext

    /// How routing resolved this request; the application dispatches on it.
    let resolution: RouteResolution

    init(http: HTTPRequest, resolution: RouteResolution) {
        self.http = http
        self.queryItems = QueryItem.parse(http.query)
        self.requestID = ""
        self.context = RequestContext()
        self.resolution = resolution
        switch resolution {
        case .matched(let endpoint, let parameters):
            self.route = endpoint.pattern
            self.parameters = parameters
        case .methodNotAllowed(let pattern, _):
            self.route = pattern
            self.parameters = PathParameters()
        case .notFound, .invalidPath:
            self.route = nil
            self.parameters = PathParameters()
        }
    }

    /// The first value of the query parameter `name`, decoded; nil when absent.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Every value of the query parameter `name`, in order (`?tag=a&tag=b`).
    public func queries(_ name: String) -> [String] {
        queryItems.filter { $0.name == name }.map(\.value)
    }

    /// The path parameter `name` converted to `T`; a value that does not convert is
    /// the client's error (400 invalid-parameter), a name the route lacks is ours (500).
    public func parameter<T: LosslessStringConvertible>(_ name: String, as type: T.Type = T.self) throws(Problem) -> T {
        let text = try rawParameter(name)
        guard let value = T(text) else {
            throw Problem.invalidParameter(name, expected: ExpectedType.describe(T.self))
        }
        return value
    }

    /// The path parameter `name` as a UUID (any letter case).
    public func parameter(_ name: String, as type: UUID.Type) throws(Problem) -> UUID {
        guard let value = UUID(uuidString: try rawParameter(name)) else {
            throw Problem.invalidParameter(name, expected: "a UUID")
        }
        return value
    }

    /// Decodes the JSON body as `T`; every failure is a precise problem (see `JSONBody`).
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws(Problem) -> T {
        try JSONBody.decode(type, from: http.body)
    }

    private func rawParameter(_ name: String) throws(Problem) -> String {
        guard let text = parameters[name] else {
            var problem = Problem.internalError
            problem.diagnostic = "route \(route ?? "unmatched") has no path parameter '\(name)'"
            throw problem
        }
        return text
    }
}
