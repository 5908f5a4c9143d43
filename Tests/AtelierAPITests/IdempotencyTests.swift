import Foundation
import Testing

@Suite("Idempotency-Key on mutating requests")
struct IdempotencyTests {
    @Test func aRetryWithTheSameKeyReplaysTheFirstResponse() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let body = #"{"name":"pos","scopes":["events:write"]}"#
            let first = try await server.send("POST", "/v1/keys", key: key, json: body, headers: [("Idempotency-Key", "k-1")])
            let second = try await server.send("POST", "/v1/keys", key: key, json: body, headers: [("Idempotency-Key", "k-1")])

            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(second.body == first.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            let keys = try await server.send("GET", "/v1/keys", key: key)
            #expect((keys.json["data"] as? [Any])?.count == 2)
        }
    }

    @Test func theSameKeyWithADifferentBodyIsRefused() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            _ = try await server.send(
                "POST", "/v1/keys", key: key, json: #"{"name":"a","scopes":["admin"]}"#, headers: [("Idempotency-Key", "k-2")])
            let reused = try await server.send(
                "POST", "/v1/keys", key: key, json: #"{"name":"b","scopes":["admin"]}"#, headers: [("Idempotency-Key", "k-2")])
            #expect(reused.status == 422)
            #expect(reused.json["field"] as? String == "Idempotency-Key")
        }
    }

    @Test func concurrentRetriesCreateOneKey() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let body = #"{"name":"burst","scopes":["events:write"]}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await server.send("POST", "/v1/keys", key: key, json: body, headers: [("Idempotency-Key", "k-3")])
                            .status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 })
            #expect(statuses.contains(201))
            let keys = try await server.send("GET", "/v1/keys", key: key)
            #expect((keys.json["data"] as? [Any])?.count == 2)
        }
    }

    @Test func keysAreScopedPerTenant() async throws {
        try await APITestServer.with { server in
            let (_, keyOfA) = try await server.makeTenant()
            let (_, keyOfB) = try await server.makeTenant()
            let body = #"{"name":"same","scopes":["admin"]}"#
            let fromA = try await server.send("POST", "/v1/keys", key: keyOfA, json: body, headers: [("Idempotency-Key", "shared")])
            let fromB = try await server.send("POST", "/v1/keys", key: keyOfB, json: body, headers: [("Idempotency-Key", "shared")])
            #expect(fromA.status == 201)
            #expect(fromB.status == 201)
            #expect(fromB.header("Idempotent-Replayed") == nil)
            #expect(fromA.json["id"] as? String != fromB.json["id"] as? String)
        }
    }
}
