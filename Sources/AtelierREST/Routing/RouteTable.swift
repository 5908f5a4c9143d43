import AtelierHTTP

/// The frozen router: an immutable segment trie shared by all requests.
///
/// Matching rules, in order:
/// - the path is split on `/` and each segment percent-decoded before comparison;
/// - a literal segment wins over a `{parameter}` at the same position, with
///   backtracking, so `/keys/export` and `/keys/{id}/rotate` both match as written;
/// - a parameter never matches an empty segment (`/keys//rotate` is not found);
/// - one trailing slash is ignored (`/v1/keys/` is `/v1/keys`): clients and proxies
///   add it freely and refusing it helps nobody; doubled slashes are not collapsed;
/// - HEAD is served by the GET route when no HEAD route exists.
public struct RouteTable: Sendable {
    /// Every (method, pattern) registered, in registration order.
    public let routes: [RouteDescription]
    private let root: RouteNode

    init(endpoints: [Endpoint]) throws(RouterError) {
        let root = RouteNodeBuilder()
        for endpoint in endpoints {
            try root.insert(endpoint, at: endpoint.segments[...])
        }
        self.root = root.freeze()
        self.routes = endpoints.map { RouteDescription(method: $0.method, path: $0.pattern) }
    }

    /// The route for `method` at `path` (still percent-encoded, without the query).
    func resolve(method: HTTPMethod, path: String) -> RouteResolution {
        guard let segments = Self.segments(of: path) else { return .invalidPath }
        var captures: [String] = []
        var matched: (Endpoint, [String])?
        var firstPattern: String?
        var allowed: Set<HTTPMethod> = []
        Self.search(root, segments[...], &captures) { node, captures in
            if let endpoint = node.endpoint(for: method) {
                matched = (endpoint, captures)
                return true
            }
            firstPattern = firstPattern ?? node.pattern
            allowed.formUnion(node.allowedMethods)
            return false
        }
        if let (endpoint, values) = matched {
            return .matched(endpoint, PathParameters(Array(zip(endpoint.parameterNames, values))))
        }
        if let firstPattern {
            return .methodNotAllowed(pattern: firstPattern, allowed: allowed.sorted { $0.rawValue < $1.rawValue })
        }
        return .notFound
    }

    /// Visits nodes with routes that match `segments`, most specific first, until `visit` returns true.
    @discardableResult
    private static func search(
        _ node: RouteNode, _ segments: ArraySlice<String>, _ captures: inout [String],
        _ visit: (RouteNode, [String]) -> Bool
    ) -> Bool {
        guard let segment = segments.first else {
            return node.hasEndpoints && visit(node, captures)
        }
        let rest = segments.dropFirst()
        if let child = node.literals[segment], search(child, rest, &captures, visit) {
            return true
        }
        if let child = node.parameter, !segment.isEmpty {
            captures.append(segment)
            if search(child, rest, &captures, visit) { return true }
            captures.removeLast()
        }
        return false
    }

    /// Decoded segments of a request path; nil when a segment cannot be decoded.
    private static func segments(of path: String) -> [String]? {
        var trimmed = Substring(path)
        if trimmed.first == "/" { trimmed = trimmed.dropFirst() }
        if trimmed.last == "/" { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty { return [] }
        var segments: [String] = []
        for raw in trimmed.split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = PercentDecoding.decode(raw, plusAsSpace: false) else { return nil }
            segments.append(decoded)
        }
        return segments
    }
}

/// One position in the frozen trie.
private final class RouteNode: Sendable {
    let literals: [String: RouteNode]
    let parameter: RouteNode?
    let endpoints: [HTTPMethod: Endpoint]
    /// The `Allow` list for this path: registered methods, plus HEAD where GET exists.
    let allowedMethods: Set<HTTPMethod>
    /// The pattern of this node's routes, for logs of a 405.
    let pattern: String?

    init(literals: [String: RouteNode], parameter: RouteNode?, endpoints: [HTTPMethod: Endpoint]) {
        self.literals = literals
        self.parameter = parameter
        self.endpoints = endpoints
        var allowed = Set(endpoints.keys)
        if allowed.contains(.get) { allowed.insert(.head) }
        self.allowedMethods = allowed
        self.pattern = endpoints.values.map(\.pattern).min()
    }

    var hasEndpoints: Bool { !endpoints.isEmpty }

    func endpoint(for method: HTTPMethod) -> Endpoint? {
        endpoints[method] ?? (method == .head ? endpoints[.get] : nil)
    }
}

/// The mutable trie used while freezing.
private final class RouteNodeBuilder {
    private var literals: [String: RouteNodeBuilder] = [:]
    private var parameter: RouteNodeBuilder?
    private var endpoints: [HTTPMethod: Endpoint] = [:]

    func insert(_ endpoint: Endpoint, at segments: ArraySlice<RoutePattern.Segment>) throws(RouterError) {
        guard let segment = segments.first else {
            guard endpoints[endpoint.method] == nil else {
                throw .duplicateRoute(endpoint.method, endpoint.pattern)
            }
            endpoints[endpoint.method] = endpoint
            return
        }
        let child: RouteNodeBuilder
        switch segment {
        case .literal(let text):
            child = literals[text] ?? RouteNodeBuilder()
            literals[text] = child
        case .parameter:
            child = parameter ?? RouteNodeBuilder()
            parameter = child
        }
        try child.insert(endpoint, at: segments.dropFirst())
    }

    func freeze() -> RouteNode {
        RouteNode(
            literals: literals.mapValues { $0.freeze() }, parameter: parameter?.freeze(), endpoints: endpoints)
    }
}
