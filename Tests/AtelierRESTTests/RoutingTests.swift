import AtelierHTTP
import AtelierREST
import Foundation
import Testing

@Suite struct Routing {
    @Test func staticSegmentWinsOverParameter() async throws {
        let app = try makeApplication { router in
            router.get("/v1/keys/{id}") { request in .text("param \(request.parameters["id"] ?? "")") }
            router.get("/v1/keys/export") { _ in .text("static") }
        }
        #expect(text(of: await app.respond(to: get("/v1/keys/export"))) == "static")
        #expect(text(of: await app.respond(to: get("/v1/keys/abc"))) == "param abc")
    }

    @Test func parameterMatchesWhenTheStaticBranchDeadEnds() async throws {
        let app = try makeApplication { router in
            router.get("/keys/export") { _ in .text("export") }
            router.post("/keys/{id}/rotate") { request in .text("rotate \(request.parameters["id"] ?? "")") }
        }
        let response = await app.respond(to: HTTPRequest(method: .post, target: "/keys/export/rotate"))
        #expect(text(of: response) == "rotate export")
    }

    @Test func parametersArePercentDecoded() async throws {
        let app = try makeApplication { router in
            router.get("/v1/tags/{name}") { request in .text(request.parameters["name"] ?? "") }
        }
        let response = await app.respond(to: get("/v1/tags/a%20b%2Fc+d"))
        #expect(text(of: response) == "a b/c+d")
    }

    @Test func unicodeParametersArriveIntact() async throws {
        let app = try makeApplication { router in
            router.get("/v1/tags/{name}") { request in .text(request.parameters["name"] ?? "") }
        }
        let response = await app.respond(to: get("/v1/tags/caf%C3%A9%20%E6%97%A5%E6%9C%AC%F0%9F%91%9C"))
        #expect(text(of: response) == "café 日本👜")
    }

    @Test func brokenPercentEscapeIsABadRequest() async throws {
        let app = try makeApplication { router in router.get("/v1/tags/{name}") { _ in .noContent } }
        let response = await app.respond(to: get("/v1/tags/%E6%97"))
        #expect(response.status == .badRequest)
        #expect(problem(in: response)?.type == Problem.typeURI("bad-request"))
    }

    @Test func typedParameterConvertsOrAnswers400() async throws {
        let app = try makeApplication { router in
            router.get("/v1/pages/{n}") { request in .text(String(try request.parameter("n", as: Int.self) + 1)) }
        }
        #expect(text(of: await app.respond(to: get("/v1/pages/41"))) == "42")
        let bad = await app.respond(to: get("/v1/pages/forty"))
        #expect(bad.status == .badRequest)
        #expect(problem(in: bad)?.detail == "The path parameter 'n' must be an integer.")
    }

    @Test func uuidParameterAcceptsAnyCaseAndRejectsGarbage() async throws {
        let app = try makeApplication { router in
            router.get("/v1/keys/{id}") { request in .text(try request.parameter("id", as: UUID.self).uuidString) }
        }
        let ok = await app.respond(to: get("/v1/keys/3f2504e0-4f89-11d3-9a0c-0305e82c3301"))
        #expect(text(of: ok) == "3F2504E0-4F89-11D3-9A0C-0305E82C3301")
        #expect(await app.respond(to: get("/v1/keys/not-a-uuid")).status == .badRequest)
    }

    @Test func oneTrailingSlashIsIgnored() async throws {
        let app = try makeApplication { router in router.get("/v1/keys") { _ in .text("keys") } }
        #expect(text(of: await app.respond(to: get("/v1/keys/"))) == "keys")
    }

    @Test func emptySegmentNeverMatchesAParameter() async throws {
        let app = try makeApplication { router in router.get("/v1/keys/{id}/scopes") { _ in .noContent } }
        #expect(await app.respond(to: get("/v1/keys//scopes")).status == .notFound)
    }

    @Test func queryItemsAreDecodedWithPlusAsSpace() async throws {
        let app = try makeApplication { router in
            router.get("/v1/search") { request in
                .text("\(request.query("q") ?? "-")|\(request.queries("tag").joined(separator: ","))")
            }
        }
        let response = await app.respond(to: get("/v1/search?q=silk+scarf%20%C3%A9t%C3%A9&tag=a&tag=b%26c"))
        #expect(text(of: response) == "silk scarf été|a,b&c")
    }

    @Test func unknownPathIsANotFoundProblem() async throws {
        let app = try makeApplication { router in router.get("/v1/keys") { _ in .noContent } }
        let response = await app.respond(to: get("/v1/nothing"))
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let body = try #require(problem(in: response))
        #expect(body.type == "https://atelier.dev/problems/not-found")
        #expect(body.status == 404)
        #expect(body.requestId == response.headers["X-Request-Id"])
    }

    @Test func knownPathWithWrongMethodIs405WithAllow() async throws {
        let app = try makeApplication { router in
            router.get("/v1/keys/{id}") { _ in .noContent }
            router.delete("/v1/keys/{keyID}") { _ in .noContent }
        }
        let response = await app.respond(to: HTTPRequest(method: .put, target: "/v1/keys/k1"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "DELETE, GET, HEAD")
        #expect(problem(in: response)?.type == Problem.typeURI("method-not-allowed"))
    }

    @Test func headIsServedByGetWithoutBody() async throws {
        let app = try makeApplication { router in router.get("/v1/keys") { _ in .text("three keys") } }
        let response = await app.respond(to: HTTPRequest(method: .head, target: "/v1/keys"))
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(response.body.isEmpty)
    }

    @Test func routesListsEveryRegisteredMethodAndPattern() throws {
        let router = Router()
        router.get("/health") { _ in .noContent }
        router.group("/v1") { v1 in
            v1.post("keys") { _ in .noContent }
            v1.group("/keys/{id}/") { key in key.delete("") { _ in .noContent } }
        }
        #expect(
            router.routes == [
                RouteDescription(method: .get, path: "/health"), RouteDescription(method: .post, path: "/v1/keys"),
                RouteDescription(method: .delete, path: "/v1/keys/{id}"),
            ])
        #expect(try router.freeze().routes == router.routes)
    }

    @Test func duplicateRouteRefusesToFreeze() {
        let router = Router()
        router.get("/v1/keys/{id}") { _ in .noContent }
        router.get("/v1/keys/{key}") { _ in .noContent }
        #expect(throws: RouterError.duplicateRoute(.get, "/v1/keys/{key}")) { try router.freeze() }
    }

    @Test func malformedPatternRefusesToFreeze() {
        let router = Router()
        router.get("/v1/keys/{id") { _ in .noContent }
        #expect(throws: RouterError.self) { try router.freeze() }
    }
}
