import AtelierAPI
import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// The privacy officer's requests: submission (OpenDSR fields), deadlines, idempotency,
/// cancellation, the worklist, and refusals of bad input.
@Suite("Privacy requests")
struct PrivacyRequestTests {
    private static let ann = [("email", "ann@example.com", "raw")]

    @Test func aSubmittedRequestAnswers201WithItsLegalDeadline() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let gdpr = try await server.send(
                "POST", "/v1/privacy/requests", key: key,
                json: PrivacyFixtures.request(submitted: "2024-01-31T10:00:00Z", identities: Self.ann))
            let ccpa = try await server.send(
                "POST", "/v1/privacy/requests", key: key,
                json: PrivacyFixtures.request(
                    regulation: "ccpa", submitted: "2024-01-31T10:00:00Z", identities: Self.ann))

            #expect(gdpr.status == 201)
            #expect(gdpr.json["request_status"] as? String == "pending")
            #expect(
                gdpr.json["expected_completion_time"] as? String == "2024-02-29T10:00:00.000Z",
                "one month, shortened to February's end")
            #expect(ccpa.json["expected_completion_time"] as? String == "2024-03-16T10:00:00.000Z", "45 days")
            let id = try #require(gdpr.json["subject_request_id"] as? String)
            #expect(gdpr.header("Location") == "/v1/privacy/requests/\(id)")
            #expect(
                gdpr.json["subject_identities"] as? [[String: String]] == [
                    ["identity_type": "email", "identity_format": "raw"]
                ])
            #expect(!gdpr.text.contains("ann@example.com"), "identity values are never echoed")
        }
    }

    @Test func resendingARequestReturnsItAndReusingItsIDForOtherContentConflicts() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let id = UUID()
            let body = PrivacyFixtures.request(
                id: id, submitted: "2024-05-01T00:00:00Z", identities: [("email", "Ann@Example.com ", "raw")])
            let first = try await server.send("POST", "/v1/privacy/requests", key: key, json: body)
            let again = try await server.send(
                "POST", "/v1/privacy/requests", key: key,
                json: PrivacyFixtures.request(id: id, submitted: "2024-05-01T00:00:00Z", identities: Self.ann))
            let other = try await server.send(
                "POST", "/v1/privacy/requests", key: key,
                json: PrivacyFixtures.request(
                    id: id, type: "access", submitted: "2024-05-01T00:00:00Z", identities: Self.ann))

            #expect(first.status == 201)
            #expect(again.status == 200, "the same request once its e-mail is normalised")
            #expect(again.json["received_time"] as? String == first.json["received_time"] as? String)
            #expect(other.status == 409)
            let jobs = try await server.pool.query("SELECT count(*) AS n FROM jobs WHERE kind = 'privacy:process'")
            #expect(try jobs[0].decode(Int.self, column: "n") == 1)
        }
    }

    @Test func theWorkerCompletesARequestThroughInProgress() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let id = try await PrivacyFixtures.submit(server, key: key, PrivacyFixtures.request(identities: Self.ann))
            await PrivacyFixtures.drain(server)
            let status = try await PrivacyFixtures.status(server, key: key, id)
            #expect(status["request_status"] as? String == "completed")
            #expect(status["started_time"] is String)
            #expect(status["completed_time"] is String)
            #expect(status["overdue"] as? Bool == false)
            let stored = try await server.pool.query(
                "SELECT subject_identities IS NULL AS forgotten FROM privacy_requests WHERE request_id = $1",
                [UUID(uuidString: id)])
            #expect(try stored[0].decode(Bool.self, column: "forgotten"), "identities in clear are gone once processed")
        }
    }

    @Test func aPendingRequestCanBeCancelledAndIsThenNeverProcessed() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage, .eventsWrite, .profilesRead])
            try await TrackingFixtures.send(
                server, key: key, "identify", #"{"userId": "u-ann", "traits": {"email": "ann@example.com"}}"#)
            let id = try await PrivacyFixtures.submit(server, key: key, PrivacyFixtures.request(identities: Self.ann))

            let cancelled = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)
            await PrivacyFixtures.drain(server)
            let again = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)

            #expect(cancelled.status == 200)
            #expect(cancelled.json["request_status"] as? String == "cancelled")
            #expect(cancelled.json["cancelled_time"] is String)
            #expect(again.status == 409)
            #expect(try await PrivacyFixtures.status(server, key: key, id)["request_status"] as? String == "cancelled")
            #expect(
                try await TrackingFixtures.profileID(server, key: key, "email:ann@example.com") != nil,
                "nothing was erased")
        }
    }

    @Test func aCompletedRequestCannotBeCancelled() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let id = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(type: "access", identities: Self.ann))
            await PrivacyFixtures.drain(server)
            let response = try await server.send("DELETE", "/v1/privacy/requests/\(id)", key: key)
            #expect(response.status == 409)
            #expect(response.json["type"] as? String == "https://atelier.dev/problems/conflict")
        }
    }

    @Test func theWorklistListsOverdueRequestsByDeadlineWithACursor() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let now = Date()
            let late = (0..<3).map { days in
                PrivacyFixtures.request(
                    submitted: now.addingTimeInterval(-Double(40 + days) * 86_400).formatted(.iso8601),
                    identities: Self.ann)
            }
            var lateIDs: [String] = []
            for body in late { lateIDs.append(try await PrivacyFixtures.submit(server, key: key, body)) }
            let onTime = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(identities: Self.ann))
            let ccpaLate = try await PrivacyFixtures.submit(
                server, key: key,
                PrivacyFixtures.request(
                    regulation: "ccpa", submitted: now.addingTimeInterval(-40 * 86_400).formatted(.iso8601),
                    identities: Self.ann))

            let seen = try await Self.worklist(server, key: key, query: "overdue=true&limit=2")
            let notOverdue = try await server.send("GET", "/v1/privacy/requests?overdue=false", key: key)
            let pending = try await server.send("GET", "/v1/privacy/requests?status=pending", key: key)

            #expect(seen.map(\.id) == lateIDs.reversed(), "oldest deadline first")
            let allOverdue = seen.allSatisfy { $0.overdue }
            #expect(allOverdue)
            let others = (notOverdue.json["data"] as? [[String: Any]] ?? []).compactMap {
                $0["subject_request_id"] as? String
            }
            #expect(Set(others) == [onTime, ccpaLate], "40 days is within CCPA's 45")
            #expect((pending.json["data"] as? [Any])?.count == 5)
        }
    }

    /// Every request of the worklist with `query`, following cursors: (id, overdue).
    private static func worklist(_ server: APITestServer, key: String, query: String) async throws
        -> [(id: String, overdue: Bool)]
    {
        var seen: [(id: String, overdue: Bool)] = []
        var cursor: String?
        repeat {
            let page = try await server.send(
                "GET", "/v1/privacy/requests?\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            #expect(page.status == 200)
            for item in page.json["data"] as? [[String: Any]] ?? [] {
                seen.append((item["subject_request_id"] as? String ?? "", item["overdue"] as? Bool ?? false))
            }
            cursor = page.json["next_cursor"] as? String
        } while cursor != nil
        return seen
    }

    @Test func unknownAndMalformedIDsAnswer404And400() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            #expect(try await server.send("GET", "/v1/privacy/requests/\(UUID())", key: key).status == 404)
            #expect(try await server.send("DELETE", "/v1/privacy/requests/\(UUID())", key: key).status == 404)
            #expect(try await server.send("GET", "/v1/privacy/requests/not-a-uuid", key: key).status == 400)
            #expect(try await server.send("GET", "/v1/privacy/requests?status=done", key: key).status == 400)
            #expect(try await server.send("GET", "/v1/privacy/requests?overdue=yes", key: key).status == 400)
            #expect(try await server.send("GET", "/v1/privacy/requests?cursor=zzz", key: key).status == 400)
            #expect(try await server.send("GET", "/v1/privacy/requests?limit=0", key: key).status == 400)
        }
    }

    @Test func everyPrivacyRouteNeedsThePrivacyScope() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let reader = try await server.issueKey(
                tenant: tenant, scopes: [.profilesRead, .eventsWrite, .consentsWrite])
            let id = try await PrivacyFixtures.submit(server, key: admin, PrivacyFixtures.request(identities: Self.ann))
            let routes: [(String, String, String?)] = [
                ("POST", "/v1/privacy/requests", PrivacyFixtures.request(identities: Self.ann)),
                ("GET", "/v1/privacy/requests", nil), ("GET", "/v1/privacy/requests/\(id)", nil),
                ("DELETE", "/v1/privacy/requests/\(id)", nil), ("GET", "/v1/privacy/requests/\(id)/export", nil),
                ("GET", "/v1/privacy/settings", nil), ("PUT", "/v1/privacy/settings", #"{"suppression_mode": "drop"}"#),
            ]
            for (method, path, body) in routes {
                let forbidden = try await server.send(method, path, key: reader, json: body)
                #expect(forbidden.status == 403, "\(method) \(path)")
                #expect((forbidden.json["detail"] as? String)?.contains("privacy:manage") == true)
                #expect(try await server.send(method, path, json: body).status == 401, "\(method) \(path)")
            }
            #expect(try await PrivacyFixtures.status(server, key: admin, id)["request_status"] as? String == "pending")
        }
    }

    @Test func malformedRequestsAreRefusedNamingTheField() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let id = UUID().uuidString
            let valid = #""subject_request_id": "\#(id)", "subject_request_type": "erasure", "regulation": "gdpr""#
            let identities = #""subject_identities": [{"identity_type": "email", "identity_value": "ann@example.com"}]"#
            let cases: [(body: String, status: Int, field: String?)] = [
                (#"{"subject_request_id": "\#(id)", "#, 400, nil),
                ("{\(valid), \(identities), \"subject_request_typo\": 1}", 422, "/subject_request_typo"),
                (
                    #"{"subject_request_id": "nope", "subject_request_type": "erasure", "regulation": "gdpr", \#(identities)}"#,
                    422, "/subject_request_id"
                ),
                (
                    #"{"subject_request_id": "\#(id)", "subject_request_type": "delete", "regulation": "gdpr", \#(identities)}"#,
                    422, "/subject_request_type"
                ),
                (
                    #"{"subject_request_id": "\#(id)", "subject_request_type": "erasure", "regulation": "lgpd", \#(identities)}"#,
                    422, "/regulation"
                ),
                (
                    #"{"subject_request_id": 42, "subject_request_type": "erasure", "regulation": "gdpr", \#(identities)}"#,
                    422, "/subject_request_id"
                ),
                ("{\(valid)}", 422, "/subject_identities"),
                ("{\(valid), \"subject_identities\": []}", 422, "/subject_identities"),
                (
                    "{\(valid), \"subject_identities\": [{\"identity_type\": \"email\", \"identity_value\": \"not an address\"}]}",
                    422,
                    "/subject_identities/0/identity_value"
                ),
                (
                    "{\(valid), \"subject_identities\": [{\"identity_type\": \"email\", \"identity_value\": \"abc\", \"identity_format\": \"sha256\"}]}",
                    422, "/subject_identities/0/identity_value"
                ),
                (
                    "{\(valid), \"subject_identities\": [{\"identity_type\": \"email\", \"identity_value\": \"a@b.c\", \"identity_format\": \"md5\"}]}",
                    422, "/subject_identities/0/identity_format"
                ),
                (
                    "{\(valid), \"subject_identities\": [{\"identity_type\": \"E-Mail\", \"identity_value\": \"a@b.c\"}]}",
                    422,
                    "/subject_identities/0/identity_type"
                ),
                (
                    "{\(valid), \(identities), \"status_callback_urls\": [\"https://dsr.example.com/cb\"]}", 422,
                    "/status_callback_urls/0"
                ),
                (
                    "{\(valid), \(identities), \"status_callback_urls\": [\"not a url\"]}", 422,
                    "/status_callback_urls/0"
                ),
                ("{\(valid), \(identities), \"submitted_time\": \"2999-01-01T00:00:00Z\"}", 422, "/submitted_time"),
                ("{\(valid), \(identities), \"submitted_time\": \"yesterday\"}", 422, "/submitted_time"),
                (
                    "{\(valid), \"subject_identities\": ["
                        + Array(repeating: #"{"identity_type": "user_id", "identity_value": "x"}"#, count: 21).joined(
                            separator: ",") + "]}",
                    422, "/subject_identities"
                ),
            ]
            for (body, status, field) in cases {
                let response = try await server.send("POST", "/v1/privacy/requests", key: key, json: body)
                #expect(response.status == status, "\(body): \(response.text)")
                #expect(response.json["field"] as? String == field, "\(body): \(response.text)")
                #expect(response.header("Content-Type") == "application/problem+json")
            }
            let listed = try await server.send("GET", "/v1/privacy/requests", key: key)
            #expect((listed.json["data"] as? [Any])?.isEmpty == true, "nothing was stored")
        }
    }

    @Test func identitiesWithSQLAndUnicodeAreStoredAsValues() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage, .eventsWrite])
            let hostile = "x'); DROP TABLE profiles; -- ✓ 𝄞"
            try await TrackingFixtures.send(
                server, key: key, "track", #"{"userId": \#(PrivacyFixtures.json(hostile)), "event": "E"}"#)
            let id = try await PrivacyFixtures.submit(
                server, key: key,
                PrivacyFixtures.request(identities: [
                    ("user_id", hostile, "raw"), ("controller_customer_id", "c-1", "raw"),
                ]))
            await PrivacyFixtures.drain(server)
            let status = try await PrivacyFixtures.status(server, key: key, id)
            let receipt = try #require((status["results"] as? [String: Any])?["receipt"] as? [String: Any])
            #expect(receipt["profiles_erased"] as? Int == 1)
            #expect(try await PrivacyFixtures.occurrences(of: [hostile], in: server.pool).isEmpty)
            #expect(
                (status["subject_identities"] as? [[String: String]])?.map { $0["identity_type"] } == [
                    "user_id", "user_id",
                ],
                "controller_customer_id is OpenDSR's name for a user id")
        }
    }

    @Test func settingsAreReadAndChangedAndRefuseBadValues() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.privacyManage])
            let initial = try await server.send("GET", "/v1/privacy/settings", key: key)
            let changed = try await server.send(
                "PUT", "/v1/privacy/settings", key: key,
                json: #"{"suppression_mode": "drop", "export_ttl_seconds": 3600}"#)
            let badMode = try await server.send(
                "PUT", "/v1/privacy/settings", key: key, json: #"{"suppression_mode": "ignore"}"#)
            let badTTL = try await server.send(
                "PUT", "/v1/privacy/settings", key: key, json: #"{"export_ttl_seconds": 10}"#)
            let fraction = try await server.send(
                "PUT", "/v1/privacy/settings", key: key, json: #"{"export_ttl_seconds": 3600.5}"#)

            #expect(initial.json["suppression_mode"] as? String == "refuse")
            #expect(initial.json["export_ttl_seconds"] as? Int == 259_200)
            #expect((initial.json["callback_signing_key"] as? String).flatMap { Data(base64Encoded: $0) }?.count == 32)
            #expect(changed.json["suppression_mode"] as? String == "drop")
            #expect(changed.json["export_ttl_seconds"] as? Int == 3600)
            #expect(changed.json["callback_signing_key"] as? String == initial.json["callback_signing_key"] as? String)
            #expect(badMode.status == 422 && badMode.json["field"] as? String == "/suppression_mode")
            #expect(badTTL.status == 422 && badTTL.json["field"] as? String == "/export_ttl_seconds")
            #expect(fraction.status == 422 && fraction.json["field"] as? String == "/export_ttl_seconds")
        }
    }

    @Test func theKeyedHashComputedInSQLIsHMACSHA256() async throws {
        try await APITestServer.with { server in
            let (tenant, _) = try await server.makeTenant()
            // RFC 4231, test cases 1 and 2.
            let vectors = try await server.pool.query(
                """
                SELECT encode(privacy_keyed_hash(privacy_hmac_pad(k, 54), privacy_hmac_pad(k, 92), m), 'hex') AS mac
                FROM (VALUES (decode(repeat('0b', 20), 'hex'), 'Hi There', 1),
                             (convert_to('Jefe', 'UTF8'), 'what do ya want for nothing?', 2)) AS v(k, m, n)
                ORDER BY n
                """)
            #expect(
                try vectors.map { try $0.decode(String.self, column: "mac") } == [
                    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                ])
            let secret = try await server.pool.query(
                """
                SELECT octet_length(secret) AS length, inner_pad = privacy_hmac_pad(secret, 54) AND outer_pad = privacy_hmac_pad(secret, 92) AS pads,
                    privacy_identity_digest('email', 'ann@example.com') AS digest, privacy_identity_digest('email_sha256', 'ABCDEF') AS hashed
                FROM tenant_secrets WHERE tenant_id = $1
                """, [tenant.id])
            #expect(try secret[0].decode(Int.self, column: "length") == 32, "made with the tenant")
            #expect(try secret[0].decode(Bool.self, column: "pads"))
            let annHash = try await PrivacyFixtures.sha256Hex("ann@example.com", pool: server.pool)
            #expect(try secret[0].decode(String.self, column: "digest") == "email:" + annHash)
            #expect(try secret[0].decode(String.self, column: "hashed") == "email:abcdef")
        }
    }

    @Test func privacyResponsesCarryExactlyTheirSchemasProperties() async throws {
        let schemas = try OpenAPIContractTests.document.get().schemaProperties
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await PrivacyFixtures.submit(
                server, key: key, PrivacyFixtures.request(type: "access", identities: Self.ann))
            await PrivacyFixtures.drain(server)
            let request = try await PrivacyFixtures.status(server, key: key, id)
            let list = try await server.send("GET", "/v1/privacy/requests", key: key)
            let settings = try await server.send("GET", "/v1/privacy/settings", key: key)

            #expect(Set(request.keys) == schemas["PrivacyRequest"])
            #expect(Set(list.json.keys) == schemas["PrivacyRequestPage"])
            #expect(Set(settings.json.keys) == schemas["PrivacySettings"])
            let export = try #require(((request["results"] as? [String: Any])?["exports"] as? [[String: Any]])?.first)
            #expect(Set(export.keys) == schemas["PrivacyExport"])
        }
    }
}
