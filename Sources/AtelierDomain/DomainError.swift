/// Why a domain operation refused; the REST layer turns each case into a problem+json
/// with a stable type, so callers can act on it without parsing text.
public enum DomainError: Error, Sendable, Equatable {
    /// The resource does not exist for this tenant. Other tenants' resources are reported
    /// exactly like missing ones, so ids cannot be probed across tenants.
    case notFound(resource: String, id: String)
    /// Nothing the read may see: the resource does not exist for this tenant, or its profile
    /// does not permit `purpose`. The two are not told apart, so a read cannot learn about
    /// a profile it may not use.
    case notVisible(resource: String, id: String, purpose: String)
    /// A field's value is not acceptable; `field` is a JSON pointer into the request.
    case invalid(field: String, reason: String, hint: String?)
    /// The request conflicts with the current state (a duplicate, a reused idempotency key).
    case conflict(reason: String)
    /// The caller is authenticated but its key lacks `missingScope`.
    case forbidden(missingScope: Scope)
    /// No usable credentials: missing, malformed, unknown, revoked or expired key.
    case unauthorized(reason: String)
    /// A dependency (the database) cannot serve now; retrying later may succeed.
    case unavailable(reason: String)
}

extension DomainError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let resource, let id): "\(resource) \(id) not found"
        case .notVisible(let resource, let id, let purpose): "\(resource) \(id) not found for purpose \(purpose)"
        case .invalid(let field, let reason, let hint): "\(field) \(reason)" + (hint.map { " (\($0))" } ?? "")
        case .conflict(let reason): reason
        case .forbidden(let scope): "this key lacks the scope \(scope.rawValue)"
        case .unauthorized(let reason): reason
        case .unavailable(let reason): reason
        }
    }
}
