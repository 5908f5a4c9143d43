import Foundation
import Testing

/// Every error class of the HTTP and REST layers, seen through the real server: each is a
/// problem+json with a stable type, never a crash, and the server keeps serving.
@Suite("Error responses")
struct ErrorResponseTests {
    @Test func aRequestThatFindsNoFreeDatabaseConnectionIsRefused503WithRetryAfter() async throws {
        try await APITestServer.with(poolSize: 1, acquireTimeout: .milliseconds(300)) { server in
            let (_, key) = try await server.makeTenant()
            let holder = Task { try await server.pool.query("SELECT pg_sleep(5)") }
            while server.pool.statistics.inUse == 0 { try await Task.sleep(for: .milliseconds(10)) }
            let response = try await server.send("GET", "/v1/tenant", key: key)
            holder.cancel()
            _ = try? await holder.value
            #expect(response.status == 503)
            #expect(response.header("Retry-After") == "1")
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func malformedJSONIsABadRequestThatNamesThePosition() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send("POST", "/v1/keys", key: key, json: #"{"name": "x", "scopes": [}"#)
            #expect(response.status == 400)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/malformed-json")
            let detail = try #require(response.json["detail"] as? String)
            #expect(detail.contains("line") || detail.contains("character") || detail.contains("offset"))
        }
    }

    @Test func aWrongTypeNamesTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send("POST", "/v1/keys", key: key, json: #"{"name": 42, "scopes": ["admin"]}"#)
            #expect(response.status == 422)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/invalid-field")
            #expect(response.json["field"] as? String == "/name")
        }
    }

    @Test func aWrongElementTypeNamesTheArrayIndex() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send("POST", "/v1/keys", key: key, json: #"{"name": "x", "scopes": ["admin", 7]}"#)
            #expect(response.status == 422)
            #expect(response.json["field"] as? String == "/scopes/1")
        }
    }

    @Test func anUnknownFieldIsRefused() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send(
                "POST", "/v1/keys", key: key, json: #"{"name": "x", "scope": ["admin"], "scopes": ["admin"]}"#)
            #expect(response.status == 422)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/unknown-field")
            #expect(response.json["field"] as? String == "/scope")
        }
    }

    @Test func anUnknownScopeIsRefusedWithAHint() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send(
                "POST", "/v1/keys", key: key, json: #"{"name": "x", "scopes": ["events:write", "root"]}"#)
            #expect(response.status == 422)
            #expect(response.json["field"] as? String == "/scopes/1")
            #expect((response.json["hint"] as? String)?.contains("events:write") == true)
        }
    }

    @Test func aBodyOverTheRouteLimitIsTooLarge() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let padding = String(repeating: "a", count: 20_000)
            let response = try await server.send(
                "POST", "/v1/keys", key: key, json: #"{"name": "\#(padding)", "scopes": ["admin"]}"#)
            #expect(response.status == 413)
            #expect(response.header("Content-Type") == "application/problem+json")
        }
    }

    @Test func aBodyThatIsNotJSONIsAnUnsupportedMediaType() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send(
                "POST", "/v1/keys", key: key, json: "name=x", headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(response.status == 415)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/unsupported-media-type")
        }
    }

    @Test func anUnknownPathIsNotFound() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("GET", "/v1/nothing-here")
            #expect(response.status == 404)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/not-found")
        }
    }

    @Test func aWrongMethodIsNotAllowedAndListsTheAllowedOnes() async throws {
        try await APITestServer.with { server in
            let response = try await server.send("PUT", "/healthz", json: "{}")
            #expect(response.status == 405)
            #expect(response.header("Allow")?.contains("GET") == true)
        }
    }

    @Test func aPathParameterThatIsNotAUUIDIsABadRequest() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let response = try await server.send("GET", "/v1/keys/not-a-uuid", key: key)
            #expect(response.status == 400)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/invalid-parameter")
        }
    }

    @Test func aMalformedRequestLineIsABadRequestFromTheTransport() async throws {
        try await APITestServer.with { server in
            let response = try await server.client.exchange(Array("GET /healthz HTTP/1.1x\r\nHost: a\r\n\r\n".utf8))
            #expect(response.status == 400)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(try await server.send("GET", "/healthz").status == 200)
        }
    }

    @Test func unicodeAndSQLMetacharactersAreStoredVerbatim() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let name = "Clé 🔑 d'Élise'; DROP TABLE api_keys; --"
            let body = try String(
                decoding: JSONSerialization.data(withJSONObject: ["name": name, "scopes": ["admin"]]), as: UTF8.self)
            let created = try await server.send("POST", "/v1/keys", key: key, json: body)
            #expect(created.status == 201)
            let keyID = try #require(created.json["id"] as? String)
            let fetched = try await server.send("GET", "/v1/keys/\(keyID)", key: key)
            #expect(fetched.json["name"] as? String == name)
        }
    }
}
