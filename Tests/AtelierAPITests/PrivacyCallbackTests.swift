import AtelierAPI
import AtelierDomain
import Foundation
import Testing

/// OpenDSR status callbacks: POSTed to each URL at each status change, signed with
/// HMAC-SHA256 under the tenant's callback key, retried with the queue's backoff.
@Suite("Privacy status callbacks", .serialized)
struct PrivacyCallbackTests {
    private static let ann = [("email", "ann@example.com", "raw")]

    /// The base64 HMAC-SHA256 of `body` under `key`, computed by PostgreSQL (RFC 2104 from SQL
    /// primitives), independently of the Swift signer.
    private static func expectedSignature(_ body: [UInt8], key: [UInt8], server: APITestServer) async throws -> String {
        let rows = try await server.pool.query(
            """
            SELECT encode(privacy_keyed_hash(privacy_hmac_pad($1, 54), privacy_hmac_pad($1, 92), $2), 'base64') AS mac
            """, [key, String(decoding: body, as: UTF8.self)])
        return try rows[0].decode(String.self, column: "mac")
    }

    @Test func eachStatusChangeIsPostedSignedToEachURL() async throws {
        let receiver = try CallbackReceiver()
        defer { receiver.stop() }
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: Self.ann, callbacks: [receiver.url]))
            await PrivacyFixtures.drain(server)

            let settings = try await server.send("GET", "/v1/privacy/settings", key: key)
            let signingKey = try #require(
                (settings.json["callback_signing_key"] as? String).flatMap { Data(base64Encoded: $0) })
            let received = receiver.received
            #expect(received.count == 2)
            var statuses: [String] = []
            for callback in received {
                #expect(callback.requestLine == "POST /opendsr/callbacks?tenant=t%201 HTTP/1.1")
                #expect(callback.headers["content-type"] == "application/json")
                #expect(callback.headers["x-opendsr-signature-algorithm"] == "HMAC-SHA256")
                let signature = try await Self.expectedSignature(callback.body, key: Array(signingKey), server: server)
                #expect(callback.headers["x-opendsr-signature"] == signature)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(callback.body)) as? [String: Any])
                #expect(body["subject_request_id"] as? String == id)
                #expect(body["status_callback_url"] as? String == receiver.url)
                #expect(body["expected_completion_time"] is String)
                statuses.append(body["request_status"] as? String ?? "")
            }
            #expect(statuses == ["in_progress", "completed"])
        }
    }

    @Test func aReceiverThatFailsIsRetriedUntilItAnswers2xx() async throws {
        let receiver = try CallbackReceiver(statuses: [503, 500])
        defer { receiver.stop() }
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: Self.ann, callbacks: [receiver.url]))
            _ = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)
            await PrivacyFixtures.drain(server)

            let jobs = try await server.pool.query(
                "SELECT status, attempts, last_error FROM jobs WHERE kind = 'privacy:callback'")
            #expect(jobs.count == 1, "one change (cancelled), one URL")
            #expect(try jobs[0].decode(String.self, column: "status") == "succeeded")
            #expect(try jobs[0].decode(Int.self, column: "attempts") == 3)
            #expect(try jobs[0].decode(String?.self, column: "last_error")?.contains("500") == true)
            let body =
                try JSONSerialization.jsonObject(with: Data(receiver.received.last?.body ?? [])) as? [String: Any]
            #expect(body?["request_status"] as? String == "cancelled")
        }
    }

    @Test func anUnreachableReceiverFailsTheJobWithAReasonAndLeavesTheRequestDone() async throws {
        let receiver = try CallbackReceiver()
        let url = receiver.url
        receiver.stop()
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: Self.ann, callbacks: [url]))
            await PrivacyFixtures.drain(server)
            let jobs = try await server.pool.query(
                "SELECT status, last_error FROM jobs WHERE kind = 'privacy:callback'")
            #expect(try jobs.allSatisfy { try $0.decode(String.self, column: "status") == "dead" })
            #expect(
                try jobs.allSatisfy {
                    try $0.decode(String?.self, column: "last_error")?.contains("cannot connect") == true
                })
            #expect(try await PrivacyFixtures.status(server, key: key, id)["request_status"] as? String == "completed")
        }
    }
}
