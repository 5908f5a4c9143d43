import AtelierDomain
import AtelierREST

/// How each domain refusal reads to a client: one stable problem type per case.
extension DomainError: ProblemConvertible {
    public var problem: Problem {
        switch self {
        case .notFound(let resource, let id):
            return .notFound("No \(resource) \(id) exists in this tenant.")
        case .notVisible(let resource, let id, let purpose):
            var problem = Problem.notFound("No \(resource) \(id) exists in this tenant that permits the purpose '\(purpose)'.")
            problem.hint = "a profile is visible only for the purposes its consent permits (GET /v1/profiles/{id}/consents)"
            return problem
        case .invalid(let field, let reason, let hint):
            var problem = Problem.invalidField(field, expected: reason, hint: hint)
            problem.detail = "The field '\(field)' \(reason)."
            return problem
        case .conflict(let reason):
            return .conflict(reason)
        case .forbidden(let scope):
            return .forbidden(missingScope: scope.rawValue)
        case .unauthorized(let reason):
            return .unauthorized("\(reason.prefix(1).uppercased())\(reason.dropFirst()).")
        case .unavailable(let reason):
            return .serviceUnavailable(reason, retryAfterSeconds: 1)
        }
    }
}
