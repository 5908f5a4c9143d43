import AtelierHTTP

/// A mistake in the route declarations, reported when the router is frozen so the
/// server refuses to start instead of misrouting requests.
public enum RouterError: Error, Equatable, CustomStringConvertible {
    case invalidPattern(String, reason: String)
    case duplicateRoute(HTTPMethod, String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let reason): "invalid route pattern '\(pattern)': \(reason)"
        case .duplicateRoute(let method, let pattern): "route \(method) \(pattern) is registered twice"
        }
    }
}
