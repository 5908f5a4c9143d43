import AtelierCrypto
import AtelierDomain
import AtelierHTTP
import AtelierREST

/// Makes every mutating `/v1` request safe to retry: with an `Idempotency-Key`, the first
/// response is stored and replayed for the same request; the same key with a different
/// request is refused (422), and a retry while the first is still running gets 409.
/// Runs after authentication, so keys are scoped per tenant.
struct IdempotencyMiddleware: Middleware {
    let store: IdempotencyStore

    func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse
    {
        guard Self.mutatingMethods.contains(request.http.method),
            let key = request.http.headers["Idempotency-Key"],
            let principal = request.context[PrincipalKey.self]
        else {
            return try await next(request)
        }
        let fingerprint = Self.fingerprint(of: request)
        switch try await store.begin(tenantID: principal.tenantID, key: key, requestHash: fingerprint) {
        case .replay(let stored):
            var headers = HTTPHeaders()
            if let contentType = stored.contentType { headers.add(name: "Content-Type", value: contentType) }
            headers.add(name: "Idempotent-Replayed", value: "true")
            return HTTPResponse(
                status: HTTPStatus(code: stored.statusCode, reasonPhrase: "Replayed"), headers: headers,
                body: stored.body)
        case .inFlight:
            throw Problem.conflict(
                "A request with this Idempotency-Key is still being processed.", hint: "Retry after it completes.")
        case .mismatch:
            var problem = Problem.invalidField(
                "Idempotency-Key", expected: "used for one request only",
                hint: "This key was already used with a different method, path or body; use a new key.")
            problem.detail = "The Idempotency-Key was already used for a different request."
            throw problem
        case .proceed:
            let response: HTTPResponse
            do {
                response = try await next(request)
            } catch {
                try await forgetOnServerFailure(error, principal: principal, key: key)
                throw error
            }
            if response.status.code >= 500 {
                try await store.abandon(tenantID: principal.tenantID, key: key)
            } else {
                try await store.finish(
                    tenantID: principal.tenantID, key: key,
                    response: .init(
                        statusCode: response.status.code, contentType: response.headers["Content-Type"],
                        body: response.body))
            }
            return response
        }
    }

    private static let mutatingMethods: Set<HTTPMethod> = [.post, .put, .patch, .delete]

    /// A thrown client error (4xx problem) is a final answer worth replaying; anything else
    /// is our failure, so the key is released for the retry.
    private func forgetOnServerFailure(_ error: any Error, principal: Principal, key: String) async throws {
        if let convertible = error as? any ProblemConvertible, convertible.problem.status < 500 {
            let problem = convertible.problem
            try await store.finish(
                tenantID: principal.tenantID, key: key,
                response: .init(
                    statusCode: problem.status, contentType: "application/problem+json",
                    body: HTTPResponse.problem(problem).body))
        } else {
            try await store.abandon(tenantID: principal.tenantID, key: key)
        }
    }

    /// What makes two requests "the same": method, path and body.
    private static func fingerprint(of request: Request) -> [UInt8] {
        var bytes = Array(request.http.method.rawValue.utf8)
        bytes.append(0)
        bytes.append(contentsOf: request.http.path.utf8)
        bytes.append(0)
        bytes.append(contentsOf: request.http.body)
        return Digest.sha256(bytes)
    }
}
