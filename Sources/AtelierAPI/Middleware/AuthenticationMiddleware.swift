import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// The request-context key under which the authenticated caller is stored.
public enum PrincipalKey: RequestContextKey {
    public typealias Value = Principal
}

/// Turns `Authorization` into a `Principal` for every `/v1` route. Accepts
/// `Bearer <key>` and, as Segment's libraries send it, `Basic base64(<key>:)`.
/// Scope checks happen in the handlers (`request.principal(requiring:)`), next to what they guard.
struct AuthenticationMiddleware: Middleware {
    let apiKeys: APIKeyService

    func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        guard let header = request.http.headers["Authorization"] else {
            throw Problem.unauthorized("Send `Authorization: Bearer <API key>`.")
        }
        guard let presented = Self.credential(from: header) else {
            throw Problem.unauthorized("The Authorization header must be `Bearer <API key>` or Basic with the key as user name.")
        }
        var request = request
        request.context[PrincipalKey.self] = try await apiKeys.authenticate(presented)
        return try await next(request)
    }

    static func credential(from header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let scheme = parts[0].lowercased()
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        switch scheme {
        case "bearer":
            return value.isEmpty ? nil : value
        case "basic":
            guard let data = Data(base64Encoded: value), let decoded = String(data: data, encoding: .utf8) else {
                return nil
            }
            let user = decoded.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            return user?.isEmpty == false ? user : nil
        default:
            return nil
        }
    }
}

extension Request {
    /// The authenticated caller, after checking it holds `scope`; throws 401/403 problems.
    func principal(requiring scope: Scope? = nil) throws -> Principal {
        guard let principal = context[PrincipalKey.self] else {
            throw Problem.unauthorized()
        }
        if let scope {
            try principal.require(scope)
        }
        return principal
    }

    /// The authenticated caller, after checking it holds at least one of `scopes` (a
    /// privacy officer and a front-end both read consent state, with different keys).
    func principal(requiringAnyOf scopes: [Scope]) throws -> Principal {
        let principal = try principal()
        guard scopes.contains(where: principal.has) else {
            throw Problem.forbidden(missingScope: scopes.map(\.rawValue).joined(separator: " or "))
        }
        return principal
    }
}
