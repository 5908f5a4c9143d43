import AtelierAPI
import AtelierDomain
import Foundation
import Testing

/// Access and portability: a machine-readable export of everything held on the subject,
/// streamed, downloadable once by the officer, expiring.
@Suite("Privacy exports")
struct PrivacyExportTests {
    /// Sends `events` tracks for user `u-ann` (e-mail ann@example.com) and one order.
    private static func seedAnn(_ server: APITestServer, key: String, events: Int = 3) async throws {
        try await TrackingFixtures.send(
            server, key: key, "identify",
            #"{"userId": "u-ann", "traits": {"email": "ann@example.com", "name": "Ann \"A\", Jr."}}"#)
        var batch: [String] = []
        for index in 0..<events {
            batch.append(
                #"{"type": "track", "userId": "u-ann", "event": "Viewed", "properties": {"n": \#(index), "text": "line1\nline2, \"quoted\""}}"#
            )
            if batch.count == 100 || index == events - 1 {
                let response = try await server.send(
                    "POST", "/v1/batch", key: key, json: #"{"batch": [\#(batch.joined(separator: ","))]}"#)
                #expect(response.status == 200)
                batch = []
            }
        }
        _ = try await server.send(
            "POST", "/v1/orders", key: key,
            json: CommerceFixtures.order("ORD-ANN", customer: #"{"email": "ann@example.com"}"#))
    }

    private static func exportRequest(_ server: APITestServer, key: String, type: String = "access") async throws
        -> String
    {
        let id = try await PrivacyFixtures.submit(
            server, key: key, PrivacyFixtures.request(type: type, identities: [("email", "ann@example.com", "raw")]))
        await PrivacyFixtures.drain(server)
        return id
    }

    @Test func anAccessExportHoldsEverythingKeptOnTheSubjectAsJSON() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.seedAnn(server, key: key)
            let profile = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:u-ann"))
            let id = try await Self.exportRequest(server, key: key)

            let download = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)
            #expect(download.status == 200)
            #expect(download.header("Content-Type") == "application/json")
            #expect(download.header("Cache-Control") == "no-store")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(download.body)) as? [String: Any])
            #expect(document["subject_request_id"] as? String == id)
            #expect(document["profile_ids"] as? [String] == [profile])
            let data = try #require(document["data"] as? [String: [[String: Any]]])
            #expect(
                Set(data.keys) == Set(PersonalDataRegistry.tables.compactMap { $0.exportQuery == nil ? nil : $0.name }))
            #expect(data["profiles"]?.first?["profile_id"] as? String == profile)
            #expect(
                Set(data["profile_identifiers"]?.compactMap { $0["value"] as? String } ?? []) == [
                    "u-ann", "ann@example.com",
                ])
            #expect(data["profile_traits"]?.contains { $0["key"] as? String == "name" } == true)
            #expect(data["events"]?.count == 4)
            #expect(data["orders"]?.first?["order_id"] as? String == "ORD-ANN")
            #expect(data["order_lines"]?.count == 2)
            #expect(
                data["events"]?.allSatisfy { $0["tenant_id"] == nil } == true, "the tenant id is not the subject's data"
            )
        }
    }

    @Test func anExportCanBeDownloadedOnceAndHEADDoesNotUseItUp() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.seedAnn(server, key: key)
            let id = try await Self.exportRequest(server, key: key)

            let head = try await server.send("HEAD", "/v1/privacy/requests/\(id)/export", key: key)
            let first = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)
            let second = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)
            let status = try await PrivacyFixtures.status(server, key: key, id)

            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(first.body.count))
            #expect(first.status == 200)
            #expect(second.status == 410)
            #expect(second.json["type"] as? String == "https://atelier.dev/problems/export-gone")
            let export = try #require(((status["results"] as? [String: Any])?["exports"] as? [[String: Any]])?.first)
            #expect(export["downloaded_time"] is String)
            let chunks = try await server.pool.query("SELECT count(*) AS n FROM privacy_export_chunks")
            #expect(try chunks[0].decode(Int.self, column: "n") == 0, "the content is gone once sent")
        }
    }

    @Test func anExpiredExportIsGone() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.seedAnn(server, key: key)
            let id = try await Self.exportRequest(server, key: key)
            try await server.pool.execute("UPDATE privacy_exports SET expires_at = now() - interval '1 second'")

            let download = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)
            let purged = try await PrivacyExports(pool: server.pool).purgeExpired()

            #expect(download.status == 410)
            #expect(purged > 0)
            let chunks = try await server.pool.query("SELECT count(*) AS n FROM privacy_export_chunks")
            #expect(try chunks[0].decode(Int.self, column: "n") == 0)
        }
    }

    @Test func aLargeExportIsStoredInChunksAndStreamedWhole() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.seedAnn(server, key: key, events: 1500)
            let id = try await Self.exportRequest(server, key: key)
            let stored = try await server.pool.query("SELECT chunk_count, byte_count FROM privacy_exports")
            let chunks = try stored[0].decode(Int.self, column: "chunk_count")

            let download = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)

            #expect(chunks > 1)
            #expect(download.body.count == (try stored[0].decode(Int.self, column: "byte_count")))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(download.body)) as? [String: Any])
            #expect(((document["data"] as? [String: Any])?["events"] as? [Any])?.count == 1501)
        }
    }

    @Test func portabilityAddsACSVWithOneLinePerValue() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            try await Self.seedAnn(server, key: key, events: 2)
            let id = try await Self.exportRequest(server, key: key, type: "portability")

            let json = try await server.send("GET", "/v1/privacy/requests/\(id)/export?format=json", key: key)
            let csv = try await server.send("GET", "/v1/privacy/requests/\(id)/export?format=csv", key: key)
            let bad = try await server.send("GET", "/v1/privacy/requests/\(id)/export?format=xml", key: key)

            #expect(json.status == 200)
            #expect(csv.status == 200)
            #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
            #expect(bad.status == 400)
            let lines = Self.csvRecords(csv.text)
            #expect(lines.first == ["table", "record", "column", "value"])
            #expect(
                lines.contains(["profile_identifiers", "2", "value", "ann@example.com"])
                    || lines.contains(["profile_identifiers", "1", "value", "ann@example.com"]))
            let nested = lines.contains {
                $0.first == "events" && $0[2] == "properties" && $0[3].contains(#"line1\nline2, \"quoted\""#)
            }
            #expect(nested, "nested JSON kept as JSON text, quoted for CSV")
            #expect(lines.dropFirst().allSatisfy { $0.count == 4 })
        }
    }

    @Test func anAccessRequestForAnUnknownSubjectExportsNothingButCompletes() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await Self.exportRequest(server, key: key)
            let download = try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(download.body)) as? [String: Any])
            #expect((document["profile_ids"] as? [Any])?.isEmpty == true)
            #expect((document["data"] as? [String: [Any]])?.values.allSatisfy(\.isEmpty) == true)
        }
    }

    @Test func anErasureRequestHasNoExport() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let id = try await Self.exportRequest(server, key: key, type: "erasure")
            #expect(try await server.send("GET", "/v1/privacy/requests/\(id)/export", key: key).status == 404)
        }
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes (doubled) and line breaks.
    private static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }
}
