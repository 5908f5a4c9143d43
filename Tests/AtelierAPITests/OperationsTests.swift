import Foundation
import Testing

@Suite("Operations endpoints")
struct OperationsTests {
    @Test func healthzAnswersOkWithoutCredentials() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/healthz")
            #expect(response.status == 200)
            #expect(response.text == #"{"status":"ok"}"#)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Date") != nil)
            #expect(response.header("X-Request-Id") != nil)
        }
    }

    @Test func readyzIsReadyWhenEveryMigrationIsApplied() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/readyz")
            #expect(response.status == 200)
            #expect(response.json["ready"] as? Bool == true)
            #expect(response.json["migrations"] as? String == "current")
        }
    }

    @Test func readyzIsUnavailableWhenAMigrationIsPending() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())")
        try FileManager.default.copyItem(
            at: APITestServer.repositoryRoot.appendingPathComponent("migrations"), to: directory)
        try Data("SELECT 1;".utf8).write(to: directory.appendingPathComponent("9999_pending.sql"))
        defer { try? FileManager.default.removeItem(at: directory) }

        try await APITestServer.with(migrationsDirectory: directory) { server in
            let response = try await server.send("GET", "/readyz")
            #expect(response.status == 503)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect((response.json["detail"] as? String)?.contains("9999") == true)
        }
    }

    @Test func metricsCountRequestsByRouteAndStatus() async throws {
        try await APITestServer.with { server in
            _ = try await server.send("GET", "/healthz")
            _ = try await server.send("GET", "/v1/tenant")
            let response = try await server.send("GET", "/metrics")
            #expect(response.status == 200)
            #expect(response.text.contains(#"http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
            #expect(response.text.contains(#"route="/v1/tenant",status="401"} 1"#))
            #expect(response.text.contains("http_request_duration_seconds_bucket"))
        }
    }

    @Test func theOpenAPIDocumentIsServed() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/openapi.yaml")
            #expect(response.status == 200)
            #expect(response.text.hasPrefix("openapi: 3.1"))
        }
    }
}
