import AtelierHTTP
import AtelierREST
import Testing

private enum TenantKey: RequestContextKey {
    typealias Value = String
}

/// Stands in for authentication: refuses without a token, else records the tenant.
private struct FakeAuth: Middleware {
    func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        guard let token = request.http.headers["Authorization"] else { throw Problem.unauthorized() }
        var request = request
        request.context[TenantKey.self] = token
        return try await next(request)
    }
}

@Suite struct GroupMiddleware {
    private func app() throws -> Application {
        try makeApplication { router in
            router.get("/health") { _ in .text("ok") }
            router.group("/v1", middleware: [FakeAuth()]) { v1 in
                v1.get("/me") { request in .text(request.context[TenantKey.self] ?? "none") }
            }
        }
    }

    @Test func groupMiddlewareRunsOnItsRoutes() async throws {
        let response = try await app().respond(to: get("/v1/me", headers: ["Authorization": "tenant-7"]))
        #expect(text(of: response) == "tenant-7")
        let refused = try await app().respond(to: get("/v1/me"))
        #expect(refused.status == .unauthorized)
        #expect(refused.headers["WWW-Authenticate"] == "Bearer")
    }

    @Test func groupMiddlewareDoesNotRunOutsideTheGroup() async throws {
        #expect(text(of: try await app().respond(to: get("/health"))) == "ok")
    }
}

@Suite struct RequestIDs {
    private func app() throws -> Application {
        try makeApplication { router in router.get("/id") { request in .text(request.requestID) } }
    }

    @Test func wellFormedIncomingIdIsHonouredAndEchoed() async throws {
        let response = try await app().respond(to: get("/id", headers: ["X-Request-Id": "abc-123_X.9"]))
        #expect(text(of: response) == "abc-123_X.9")
        #expect(response.headers["X-Request-Id"] == "abc-123_X.9")
    }

    @Test func missingIdIsGenerated() async throws {
        let response = try await app().respond(to: get("/id"))
        #expect(text(of: response).count == 32)
        #expect(response.headers["X-Request-Id"] == text(of: response))
    }

    @Test func unsafeOrOverlongIdIsReplaced() async throws {
        for unsafe in ["a b", "id\u{1b}[31m", "é", String(repeating: "a", count: 129)] {
            let response = try await app().respond(to: get("/id", headers: ["X-Request-Id": unsafe]))
            #expect(text(of: response) != unsafe)
            #expect(text(of: response).count == 32)
        }
    }

    @Test func problemBodiesCarryTheRequestId() async throws {
        let response = try await app().respond(to: get("/missing", headers: ["X-Request-Id": "trace-1"]))
        #expect(problem(in: response)?.requestId == "trace-1")
    }

    @Test func returnedProblemResponsesAreStampedToo() async throws {
        let app = try makeApplication { router in router.get("/gone") { _ in .problem(.notFound("Key revoked.")) } }
        let response = await app.respond(to: get("/gone", headers: ["X-Request-Id": "trace-2"]))
        #expect(response.status == .notFound)
        #expect(problem(in: response)?.requestId == "trace-2")
        #expect(problem(in: response)?.detail == "Key revoked.")
    }
}

@Suite struct ContentTypes {
    private func app() throws -> Application {
        try makeApplication { router in router.post("/v1/track") { _ in .noContent } }
    }

    @Test func jsonWithCharsetIsAccepted() async throws {
        let response = try await app().respond(
            to: postJSON("/v1/track", "{}", contentType: "Application/JSON; charset=utf-8"))
        #expect(response.status == .noContent)
    }

    @Test func structuredJSONSuffixIsAccepted() async throws {
        let response = try await app().respond(
            to: postJSON("/v1/track", "{}", contentType: "application/merge-patch+json"))
        #expect(response.status == .noContent)
    }

    @Test func wrongContentTypeIs415NamingTheExpectedType() async throws {
        let response = try await app().respond(
            to: postJSON("/v1/track", "a=b", contentType: "application/x-www-form-urlencoded"))
        #expect(response.status == .unsupportedMediaType)
        let body = try #require(problem(in: response))
        #expect(body.type == Problem.typeURI("unsupported-media-type"))
        #expect(body.detail.contains("application/json"))
    }

    @Test func missingContentTypeWithABodyIs415() async throws {
        let response = try await app().respond(to: postJSON("/v1/track", "{}", contentType: nil))
        #expect(response.status == .unsupportedMediaType)
    }

    @Test func routeCanDeclareOtherMediaTypes() async throws {
        let app = try makeApplication { router in
            router.post("/v1/import", accepts: [.ndjson]) { _ in .noContent }
        }
        let ok = await app.respond(to: postJSON("/v1/import", "{}\n{}", contentType: "application/x-ndjson"))
        #expect(ok.status == .noContent)
        let refused = await app.respond(to: postJSON("/v1/import", "{}"))
        #expect(refused.status == .unsupportedMediaType)
    }
}

@Suite struct BodyLimits {
    private func app() throws -> Application {
        try makeApplication { router in
            router.post("/v1/import", maxBodySize: 10_000_000) { _ in .noContent }
            router.post("/v1/small", maxBodySize: 4) { _ in .noContent }
            router.get("/v1/keys") { _ in .noContent }
        }
    }

    @Test func maximumBodySizeIsTheMatchedRoutesLimit() throws {
        let app = try app()
        let head = HTTPRequestHead(method: .post, target: "/v1/import?mode=full", headers: HTTPHeaders())
        #expect(app.maximumBodySize(for: head) == 10_000_000)
    }

    @Test func maximumBodySizeIsNilWithoutALimitOrARoute() throws {
        let app = try app()
        #expect(app.maximumBodySize(for: HTTPRequestHead(method: .get, target: "/v1/keys", headers: [:])) == nil)
        #expect(app.maximumBodySize(for: HTTPRequestHead(method: .post, target: "/nope", headers: [:])) == nil)
    }

    @Test func bodyOverTheRouteLimitIs413() async throws {
        let response = try await app().respond(to: postJSON("/v1/small", "[1,2,3]"))
        #expect(response.status == .contentTooLarge)
        #expect(problem(in: response)?.type == Problem.typeURI("payload-too-large"))
    }
}
