import AtelierHTTP
import AtelierREST
import Foundation
import Prometheus
import Testing

private struct DatabaseExploded: Error, CustomStringConvertible {
    var description: String { "connection to 10.0.0.5:5432 failed: password authentication failed for user atelier" }
}

private enum KeyError: ProblemConvertible {
    case revoked

    var problem: Problem { .conflict("The API key was revoked.", hint: "Create a new key.") }
}

private struct PoolBusy: UnavailabilityReporting, CustomStringConvertible {
    var meansServiceUnavailable: Bool
    var description: String { "no connection of pool 'main' (10.0.0.5) became free within 5 s" }
}

@Suite struct ErrorMapping {
    @Test func anErrorThatReportsUnavailabilityIs503WithRetryAfterAndNoDetailOfItsCause() async throws {
        let app = try makeApplication { router in
            router.get("/busy") { _ in throw PoolBusy(meansServiceUnavailable: true) }
        }
        let response = await app.respond(to: get("/busy"))
        #expect(response.status == .serviceUnavailable)
        #expect(response.headers["Retry-After"] == "1")
        #expect(response.headers["Content-Type"] == "application/problem+json")
        #expect(!text(of: response).contains("10.0.0.5"))
    }

    @Test func anUnavailabilityReportingErrorThatSaysOtherwiseIsStill500() async throws {
        let app = try makeApplication { router in
            router.get("/broken") { _ in throw PoolBusy(meansServiceUnavailable: false) }
        }
        let response = await app.respond(to: get("/broken"))
        #expect(response.status == .internalServerError)
    }

    @Test func arbitraryErrorIs500WithoutLeakingItsText() async throws {
        let app = try makeApplication { router in router.get("/boom") { _ in throw DatabaseExploded() } }
        let response = await app.respond(to: get("/boom", headers: ["X-Request-Id": "r-500"]))
        #expect(response.status == .internalServerError)
        #expect(response.headers["Content-Type"] == "application/problem+json")
        let body = text(of: response)
        #expect(!body.contains("10.0.0.5"))
        #expect(!body.contains("password"))
        #expect(!body.contains("DatabaseExploded"))
        #expect(problem(in: response)?.type == Problem.typeURI("internal-error"))
        #expect(problem(in: response)?.requestId == "r-500")
    }

    @Test func problemBodyHoldsOnlyProblemMembers() async throws {
        let app = try makeApplication { router in router.get("/boom") { _ in throw DatabaseExploded() } }
        let response = await app.respond(to: get("/boom", headers: ["X-Request-Id": "r-1"]))
        let object = try #require(JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(Set(object.keys) == ["type", "title", "status", "detail", "hint", "requestId"])
        #expect(object["status"] as? Int == 500)
    }

    @Test func problemConvertibleErrorBecomesItsProblem() async throws {
        let app = try makeApplication { router in router.delete("/keys/{id}") { _ in throw KeyError.revoked } }
        let response = await app.respond(to: HTTPRequest(method: .delete, target: "/keys/k1"))
        #expect(response.status == .conflict)
        #expect(problem(in: response)?.detail == "The API key was revoked.")
        #expect(problem(in: response)?.hint == "Create a new key.")
    }

    @Test func errorThrownByGlobalMiddlewareIsStillAProblem() async throws {
        struct Refuse: Middleware {
            func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
                throw Problem.forbidden(missingScope: "keys:write")
            }
        }
        let app = try makeApplication(middleware: [Refuse()]) { router in router.get("/x") { _ in .noContent } }
        let response = await app.respond(to: get("/x", headers: ["X-Request-Id": "r-403"]))
        #expect(response.status == .forbidden)
        #expect(problem(in: response)?.requestId == "r-403")
        #expect(response.headers["X-Request-Id"] == "r-403")
    }

    @Test func aHandlerCancelledByTheTransportDeadlineAnswers503HandlerTimeout() async throws {
        let app = try makeApplication { router in
            router.get("/slow") { _ in
                try await Task.sleep(for: .seconds(30))
                return .noContent
            }
        }
        let request = Task { await app.respond(to: get("/slow")) }
        try await Task.sleep(for: .milliseconds(50))
        request.cancel()
        let response = await request.value
        #expect(response.status == .serviceUnavailable)
        #expect(problem(in: response)?.type == Problem.typeURI("handler-timeout"))
    }

    @Test func anyFailureOfACancelledHandlerIsReportedAsTheTimeout() async throws {
        struct DriverGaveUp: Error {}
        let app = try makeApplication { router in
            router.get("/query") { _ in
                while !Task.isCancelled { await Task.yield() }
                throw DriverGaveUp()
            }
        }
        let request = Task { await app.respond(to: get("/query")) }
        try await Task.sleep(for: .milliseconds(50))
        request.cancel()
        #expect(problem(in: await request.value)?.type == Problem.typeURI("handler-timeout"))
    }
}

@Suite struct Metrics {
    @Test func requestsAreCountedByMethodRouteAndStatus() async throws {
        let registry = PrometheusCollectorRegistry()
        let app = try makeApplication(middleware: [MetricsMiddleware(registry: registry)]) { router in
            router.get("/v1/keys/{id}") { request in
                if request.parameters["id"] == "missing" { throw Problem.notFound() }
                return .noContent
            }
        }
        _ = await app.respond(to: get("/v1/keys/a"))
        _ = await app.respond(to: get("/v1/keys/b"))
        _ = await app.respond(to: get("/v1/keys/missing"))
        _ = await app.respond(to: get("/wp-admin.php"))
        let exposition = registry.emitToString()
        #expect(exposition.contains(#"http_requests_total{method="GET",route="/v1/keys/{id}",status="204"} 2"#))
        #expect(exposition.contains(#"http_requests_total{method="GET",route="/v1/keys/{id}",status="404"} 1"#))
        #expect(exposition.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
        #expect(exposition.contains(#"http_request_duration_seconds_count{method="GET",route="/v1/keys/{id}"} 3"#))
    }
}
