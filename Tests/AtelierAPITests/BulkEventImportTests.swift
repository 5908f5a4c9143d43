import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// The set-based events import (`IngestionService.importChunk`): whatever path a line takes
/// (settled identity, new profile, merge, limit, blocked, erased or consent-carrying), the
/// stored rows are those `/v1/batch` stores for the same calls.
@Suite("Bulk event import")
struct BulkEventImportTests {
    /// New customers (one a chain of cookie, login and e-mail), a merge of two new cookies,
    /// consent (whose customer's later calls must wait for it), a blocked device and events of
    /// customers already known.
    static let firstFile = [
        #"{"type": "track", "anonymousId": "a1", "event": "Viewed", "messageId": "f1", "timestamp": "2024-01-01T10:00:00Z", "properties": {"sku": "BAG-25"}}"#,
        #"{"type": "identify", "userId": "u1", "anonymousId": "a1", "traits": {"email": " Ann@Example.com", "firstName": "Ann"}, "messageId": "f2", "timestamp": "2024-01-01T10:01:00Z"}"#,
        #"{"type": "page", "anonymousId": "a2", "name": "Home", "messageId": "f3", "timestamp": "2024-01-01T10:02:00Z", "context": {"channel": "web"}}"#,
        #"{"type": "track", "anonymousId": "a3", "event": "Viewed", "messageId": "f4", "timestamp": "2024-01-01T10:03:00Z", "context": {"channel": "app"}}"#,
        #"{"type": "track", "anonymousId": "a3", "event": "Linked", "messageId": "f5", "timestamp": "2024-01-01T10:04:00Z", "context": {"traits": {"email": "bob@example.com"}, "externalIds": [{"id": "a2", "type": "anonymous_id", "collection": "users", "encoding": "none"}]}}"#,
        #"{"type": "track", "userId": "u2", "event": "Banner", "messageId": "f6", "timestamp": "2024-01-01T10:05:00Z", "context": {"consent": {"categoryPreferences": {"Advertising": true}}}}"#,
        #"{"type": "track", "userId": "u3", "event": "Viewed", "messageId": "f7", "timestamp": "2024-01-01T10:06:00Z", "context": {"device": {"id": "shared-tablet"}}}"#,
        #"{"type": "identify", "userId": "u4", "traits": {"phone": "06 12 34 56 78", "tier": "gold"}, "messageId": "f8", "timestamp": "2024-01-01T10:07:00Z"}"#,
        #"{"type": "identify", "userId": "u4", "traits": {"tier": "platinum"}, "messageId": "f9", "timestamp": "2024-01-01T10:06:30Z"}"#,
        #"{"type": "track", "userId": "u6", "anonymousId": "a6", "event": "Banner", "messageId": "f10", "timestamp": "2024-01-01T10:08:00Z", "context": {"consent": {"categoryPreferences": {"Analytics": true}}}}"#,
        #"{"type": "track", "anonymousId": "a6", "event": "Viewed", "messageId": "f11", "timestamp": "2024-01-01T10:09:00Z"}"#,
        #"{"type": "track", "userId": "u6", "event": "Viewed", "messageId": "f12", "timestamp": "2024-01-01T10:10:00Z"}"#,
    ]

    /// Known customers again, one adding a cookie, two whose link would give a person a second
    /// login (refused by the limit of one), a merge of two profiles the first file created, and
    /// a cookie first linked to a known customer then seen alone.
    static let secondFile = [
        #"{"type": "track", "userId": "u1", "event": "Bought", "messageId": "s1", "timestamp": "2024-01-02T10:00:00Z", "context": {"channel": "store"}}"#,
        #"{"type": "track", "userId": "u1", "anonymousId": "a9", "event": "Viewed", "messageId": "s2", "timestamp": "2024-01-02T10:01:00Z"}"#,
        #"{"type": "identify", "userId": "u5", "traits": {"email": "ann@example.com"}, "messageId": "s3", "timestamp": "2024-01-02T10:02:00Z"}"#,
        #"{"type": "track", "userId": "u2", "anonymousId": "a3", "event": "Linked", "messageId": "s4", "timestamp": "2024-01-02T10:03:00Z"}"#,
        #"{"type": "track", "userId": "u4", "anonymousId": "a1", "event": "Linked", "messageId": "s6", "timestamp": "2024-01-02T10:05:00Z"}"#,
        #"{"type": "track", "anonymousId": "a3", "event": "Viewed", "messageId": "s5", "timestamp": "2024-01-02T10:04:00Z"}"#,
        #"{"type": "track", "userId": "u1", "anonymousId": "a10", "event": "Viewed", "messageId": "s7", "timestamp": "2024-01-02T10:06:00Z"}"#,
        #"{"type": "track", "anonymousId": "a10", "event": "Viewed", "messageId": "s8", "timestamp": "2024-01-02T10:07:00Z"}"#,
        #"{"type": "track", "anonymousId": "a11", "event": "Viewed", "messageId": "s9", "timestamp": "2024-01-02T10:08:00Z"}"#,
        #"{"type": "track", "anonymousId": "a11", "event": "Viewed", "messageId": "s10", "timestamp": "2024-01-02T10:09:00Z"}"#,
    ]

    static func batch(_ lines: [String]) -> String {
        #"{"batch": [\#(lines.joined(separator: ","))]}"#
    }

    @Test func anImportStoresTheSameRowsAsTheSameCallsSentThroughBatch() async throws {
        try await APITestServer.with { server in
            let (imported, importKey) = try await server.makeTenant()
            let (batched, batchKey) = try await server.makeTenant()
            for key in [importKey, batchKey] {
                let blocked = try await server.send(
                    "POST", "/v1/identity/blocked", key: key, json: #"{"type": "device_id", "value": "shared-tablet"}"#)
                #expect(blocked.status == 201, "\(blocked.text)")
            }
            for file in [Self.firstFile, Self.secondFile] {
                let report = try await ImportTests.post(server, key: importKey, kind: "events", file)
                #expect(report.json["accepted"] as? Int == file.count, "\(report.text)")
                let sent = try await server.send("POST", "/v1/batch", key: batchKey, json: Self.batch(file))
                #expect(sent.status == 200, "\(sent.text)")
            }
            let fromImport = try await Self.snapshot(server.pool, tenant: imported.id)
            let fromBatch = try await Self.snapshot(server.pool, tenant: batched.id)

            #expect(fromImport == fromBatch)
            #expect(fromImport.filter { $0.hasPrefix("merge") }.count == 2, "\(fromImport)")
            #expect(fromImport.contains { $0.hasPrefix("refusal limit") }, "\(fromImport)")
            #expect(fromImport.contains { $0.hasPrefix("refusal blocked") }, "\(fromImport)")
            #expect(fromImport.contains { $0.hasPrefix("consent") }, "\(fromImport)")
        }
    }

    @Test func reimportingAFileStoresNothingTwice() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let first = try await ImportTests.post(server, key: key, kind: "events", Self.firstFile)
            let before = try await Self.snapshot(server.pool, tenant: tenant.id)
            let again = try await ImportTests.post(server, key: key, kind: "events", Self.firstFile)

            #expect(first.json["accepted"] as? Int == Self.firstFile.count)
            #expect(again.json["accepted"] as? Int == 0)
            #expect(again.json["duplicates"] as? Int == Self.firstFile.count)
            #expect(try await Self.snapshot(server.pool, tenant: tenant.id) == before)
        }
    }

    @Test func callsNamingAnErasedIdentifierAreRefusedByLineAndTheOthersKept() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            _ = try await ImportTests.post(server, key: key, kind: "events", Array(Self.firstFile.prefix(2)))
            try await PrivacyFixtures.submit(server, key: key, PrivacyFixtures.request(identities: [("user_id", "u1", "raw")]))
            await PrivacyFixtures.drain(server)
            let report = try await ImportTests.post(
                server, key: key, kind: "events",
                [
                    #"{"type": "track", "anonymousId": "fresh", "event": "Viewed", "messageId": "e1"}"#,
                    #"{"type": "track", "anonymousId": "new", "event": "Viewed", "messageId": "e2", "traits": {}, "context": {"traits": {"email": "ANN@example.com"}}}"#,
                    #"{"type": "track", "userId": "u1", "event": "Viewed", "messageId": "e3"}"#,
                ])
            let errors = report.json["errors"] as? [[String: Any]] ?? []
            let stored = try await server.pool.query(
                "SELECT message_id FROM events WHERE tenant_id = $1 ORDER BY message_id", [tenant.id])

            #expect(report.json["accepted"] as? Int == 1, "\(report.text)")
            #expect(errors.map { $0["line"] as? Int } == [2, 3])
            #expect(errors.map { $0["field"] as? String } == ["/context/traits/email", "/userId"])
            #expect(try stored.map { try $0.decode(String.self, column: "message_id") } == ["e1"])
        }
    }

    /// Every identity, fact and profile attribute of a tenant, with profiles named by their
    /// own identifiers (ids differ between tenants) and live sets by all of theirs.
    static func snapshot(_ pool: PostgresPool, tenant: UUID) async throws -> [String] {
        let rows = try await pool.query(
            """
            WITH own AS (
                SELECT p.profile_id, p.canonical_id,
                    coalesce(string_agg(i.type || ':' || i.value, ',' ORDER BY i.type, i.value), '') AS name
                FROM profiles p LEFT JOIN profile_identifiers i ON i.tenant_id = p.tenant_id AND i.profile_id = p.profile_id
                WHERE p.tenant_id = $1 GROUP BY p.profile_id, p.canonical_id
            )
            SELECT 'profile ' || o.name || ' in ' || c.name AS line FROM own o JOIN own c ON c.profile_id = o.canonical_id
            UNION ALL
            SELECT 'event ' || e.message_id || ' ' || o.name || ' ' || e.type || ' ' || coalesce(e.event, '') || ' '
                || e.occurred_at || ' ' || e.channel || ' ' || e.properties::text || e.context::text || e.traits::text
            FROM events e JOIN own o ON o.profile_id = e.profile_id WHERE e.tenant_id = $1
            UNION ALL
            SELECT 'channel ' || o.name || ' ' || c.channel || ' ' || c.first_seen_at || ' ' || c.last_seen_at || ' ' || c.events
            FROM profile_channels c JOIN own o ON o.profile_id = c.profile_id WHERE c.tenant_id = $1
            UNION ALL
            SELECT 'trait ' || o.name || ' ' || t.key || '=' || t.value || ' ' || t.source || ' ' || t.updated_at
            FROM profile_traits t JOIN own o ON o.profile_id = t.profile_id WHERE t.tenant_id = $1
            UNION ALL
            SELECT 'merge ' || s.name || ' absorbs ' || a.name || ' through ' || m.identifier_type || ':'
                || m.identifier_value || ' ' || m.reason
            FROM profile_merges m JOIN own s ON s.profile_id = m.survivor_id JOIN own a ON a.profile_id = m.absorbed_id
            WHERE m.tenant_id = $1
            UNION ALL
            SELECT 'refusal ' || r.rule || ' ' || o.name || ' ' || r.identifier_type || ':' || r.identifier_value || ' '
                || r.reason
            FROM merge_refusals r JOIN own o ON o.profile_id = r.profile_id WHERE r.tenant_id = $1
            UNION ALL
            SELECT 'consent ' || o.name || ' ' || c.purpose || ' ' || c.granted
            FROM consent_events c JOIN own o ON o.profile_id = c.profile_id WHERE c.tenant_id = $1
            UNION ALL
            SELECT 'permission ' || o.name || ' ' || c.purpose
            FROM consent_permissions c JOIN own o ON o.profile_id = c.profile_id WHERE c.tenant_id = $1
            UNION ALL
            SELECT 'message ' || message_id FROM event_message_ids WHERE tenant_id = $1
            """, [tenant])
        return try rows.map { try $0.decode(String.self, column: "line") }.sorted()
    }
}
