import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// Retention runs against real events: past the tenant's period they are deleted, or
/// anonymised exactly as `EventAnonymisation` defines, in bounded batches, each run audited.
@Suite("Event retention")
struct EventRetentionTests {
    /// Five events of 2020 and two of today for user `ann`, through the API.
    private func ingestHistory(_ server: APITestServer, key: String) async throws -> String {
        for day in 1...5 {
            try await TrackingFixtures.send(
                server, key: key, "track",
                #"""
                {"userId": "ann", "event": "Product Viewed", "timestamp": "2020-03-0\#(day)T10:4\#(day):12.345Z",
                 "properties": {"sku": "BAG-1", "price": 1200, "email": "ann@example.com", "name": "Ann Example",
                                "products": [{"sku": "BAG-1"}], "url": "https://shop.example/?u=ann"},
                 "context": {"ip": "203.0.113.9", "userAgent": "Safari"}, "anonymousId": "cookie-ann"}
                """#)
        }
        for _ in 1...2 {
            try await TrackingFixtures.send(
                server, key: key, "track", #"{"userId": "ann", "event": "Product Viewed", "properties": {"sku": "BAG-2"}}"#)
        }
        return try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:ann"))
    }

    private func count(_ pool: PostgresPool, _ sql: String, _ tenant: Tenant) async throws -> Int {
        try await pool.query(sql, [tenant.id]).first?.decode(Int.self, column: "n") ?? -1
    }

    @Test func deleteRemovesEventsPastThePeriodInBoundedBatches() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let profileID = try await ingestHistory(server, key: admin)
            try await EventRetentionPolicies(pool: server.pool).set(tenantID: tenant.id, months: 12, mode: .delete, by: .cli)

            let run = try #require(
                try await EventRetention(pool: server.pool, batchSize: 2).apply(tenantID: tenant.id, jobID: nil))

            #expect(run.processed == 5)
            #expect(run.batches == 3)
            #expect(run.isComplete)
            let timeline = try await TrackingFixtures.timeline(server, key: admin, profileID: profileID)
            #expect(timeline.count == 2)
            #expect(try await count(server.pool, "SELECT count(*) AS n FROM anonymised_events WHERE tenant_id = $1", tenant) == 0)
            let entry = try #require(
                try await AuditFixtures.entries(server, key: admin, query: "action=retention.events.applied").first)
            #expect((entry["actor"] as? [String: Any])?["type"] as? String == "system")
            let detail = try #require(entry["detail"] as? [String: Any])
            #expect(detail["processed"] as? Int == 5)
            #expect(detail["batches"] as? Int == 3)
            #expect(detail["mode"] as? String == "delete")
            #expect(detail["complete"] as? Bool == true)
        }
    }

    @Test func anonymiseDetachesEventsAndKeepsOnlyAllowListedFacts() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            let profileID = try await ingestHistory(server, key: admin)
            try await EventRetentionPolicies(pool: server.pool).set(tenantID: tenant.id, months: 12, mode: .anonymise, by: .cli)

            let run = try #require(try await EventRetention(pool: server.pool).apply(tenantID: tenant.id, jobID: nil))

            #expect(run.processed == 5)
            #expect(try await TrackingFixtures.timeline(server, key: admin, profileID: profileID).count == 2)
            let rows = try await server.pool.query(
                """
                SELECT type, event, channel, properties::text AS properties,
                       to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS occurred_at,
                       anonymised_events::text AS everything
                FROM anonymised_events WHERE tenant_id = $1 ORDER BY occurred_at
                """, [tenant.id])
            #expect(rows.count == 5)
            let first = try #require(rows.first)
            #expect(try first.decode(String.self, column: "type") == "track")
            #expect(try first.decode(String?.self, column: "event") == "Product Viewed")
            #expect(try first.decode(String.self, column: "properties") == #"{"sku": "BAG-1", "price": 1200}"#)
            #expect(try first.decode(String.self, column: "occurred_at") == "2020-03-01 10:00:00.000000")
            let everything = try rows.map { try $0.decode(String.self, column: "everything") }.joined(separator: "\n")
            for personal in ["ann", "Ann", "203.0.113.9", "Safari", "cookie", profileID] {
                #expect(!everything.contains(personal), "\(personal) survived anonymisation")
            }
        }
    }

    @Test func aRunStopsAtItsBatchLimitAndSaysItIsIncomplete() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            _ = try await ingestHistory(server, key: admin)
            try await EventRetentionPolicies(pool: server.pool).set(tenantID: tenant.id, months: 12, mode: .delete, by: .cli)
            let retention = EventRetention(pool: server.pool, batchSize: 2, maximumBatches: 1)

            let first = try #require(try await retention.apply(tenantID: tenant.id, jobID: nil))
            let second = try #require(try await retention.apply(tenantID: tenant.id, jobID: nil))
            let third = try #require(try await retention.apply(tenantID: tenant.id, jobID: nil))

            #expect([first.processed, second.processed, third.processed] == [2, 2, 1] as [Int])
            #expect([first.isComplete, second.isComplete, third.isComplete] == [false, false, true] as [Bool])
            #expect(try await count(server.pool, "SELECT count(*) AS n FROM events WHERE tenant_id = $1", tenant) == 2)
            let runs = try await AuditFixtures.entries(server, key: admin, query: "action=retention.events.applied")
            #expect(runs.compactMap { ($0["detail"] as? [String: Any])?["processed"] as? Int } == [1, 2, 2])
        }
    }

    @Test func aTenantWithoutAPolicyKeepsEverythingAndRecordsNoRun() async throws {
        try await APITestServer.with { server in
            let (tenant, admin) = try await server.makeTenant(scopes: [.admin])
            _ = try await ingestHistory(server, key: admin)

            #expect(try await EventRetention(pool: server.pool).apply(tenantID: tenant.id, jobID: nil) == nil)
            #expect(try await count(server.pool, "SELECT count(*) AS n FROM events WHERE tenant_id = $1", tenant) == 7)
            #expect(try await AuditFixtures.entries(server, key: admin, query: "action=retention.events.applied").isEmpty)
        }
    }

    @Test func retentionReachesOnlyItsOwnTenant() async throws {
        try await APITestServer.with { server in
            let (tenantA, keyOfA) = try await server.makeTenant(scopes: [.admin])
            let (tenantB, keyOfB) = try await server.makeTenant(scopes: [.admin])
            _ = try await ingestHistory(server, key: keyOfA)
            let profileOfB = try await ingestHistory(server, key: keyOfB)
            try await EventRetentionPolicies(pool: server.pool).set(tenantID: tenantA.id, months: 1, mode: .delete, by: .cli)

            _ = try await EventRetention(pool: server.pool).apply(tenantID: tenantA.id, jobID: nil)

            #expect(try await count(server.pool, "SELECT count(*) AS n FROM events WHERE tenant_id = $1", tenantA) == 2)
            #expect(try await TrackingFixtures.timeline(server, key: keyOfB, profileID: profileOfB).count == 7)
            #expect(try await AuditFixtures.entries(server, key: keyOfB, query: "action=retention.events.applied").isEmpty)
            #expect(try await AuditTrail(pool: server.pool).verify(tenantID: tenantB.id).isIntact)
        }
    }
}
