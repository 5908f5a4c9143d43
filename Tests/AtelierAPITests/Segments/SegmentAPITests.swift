import AtelierDomain
import AtelierTestSupport
import AtelierWorker
import Foundation
import Logging
import Testing

/// `/v1/segments` end to end: definitions, refusals that point into the body, refreshes run by
/// the worker, members by cursor, membership history across refreshes, and a profile's segments.
@Suite("Segments API")
struct SegmentAPITests {
    static let gold = #"{"trait": {"key": "tier", "eq": "gold"}}"#

    /// Runs every queued job the segment handlers take, as the worker would.
    static func runJobs(_ server: APITestServer) async {
        let worker = Worker(
            queue: JobQueue(pool: server.pool), schedules: JobSchedules(pool: server.pool),
            handlers: [
                SegmentRefreshJob(refresher: server.dependencies.segments.refresher),
                SegmentScheduleJob(refresher: server.dependencies.segments.refresher, jobs: JobQueue(pool: server.pool)),
            ],
            configuration: WorkerConfiguration(), logger: TestLogger.make("atelier.test.worker"))
        while await worker.runOnce() {}
    }

    static func create(_ server: APITestServer, key: String, name: String = "Gold", rule: String = gold) async throws -> String {
        let response = try await server.send("POST", "/v1/segments", key: key, json: #"{"name": "\#(name)", "rule": \#(rule)}"#)
        try #require(response.status == 201, "\(response.text)")
        return try #require(response.json["id"] as? String)
    }

    static func memberNames(_ server: APITestServer, key: String, segment: String, ids: [String: UUID], query: String = "")
        async throws -> Set<String>
    {
        let response = try await server.send("GET", "/v1/segments/\(segment)/members?limit=1000\(query)", key: key)
        try #require(response.status == 200, "\(response.text)")
        let names = Dictionary(uniqueKeysWithValues: ids.map { ($0.value.uuidString.lowercased(), $0.key) })
        return Set((response.json["data"] as? [[String: Any]] ?? []).compactMap { names[$0["profileId"] as? String ?? ""] })
    }

    @Test func aSegmentIsCreatedReadListedUpdatedAndDeleted() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.segmentsManage])
            let created = try await server.send(
                "POST", "/v1/segments", key: key,
                json: #"{"name": "Élégantes 'VIP'; --", "description": "Gold tier", "purpose": "marketing_email", "rule": \#(Self.gold), "refreshIntervalSeconds": 600}"#)
            let id = try #require(created.json["id"] as? String)
            let read = try await server.send("GET", "/v1/segments/\(id)", key: key)
            let listed = try await server.send("GET", "/v1/segments", key: key)
            let updated = try await server.send(
                "PUT", "/v1/segments/\(id)", key: key, json: #"{"name": "Gold or silver", "rule": {"trait": {"key": "tier", "in": ["gold", "silver"]}}}"#)
            let deleted = try await server.send("DELETE", "/v1/segments/\(id)", key: key)
            let gone = try await server.send("GET", "/v1/segments/\(id)", key: key)

            #expect(created.status == 201)
            #expect(created.header("Location") == "/v1/segments/\(id)")
            #expect(read.json["name"] as? String == "Élégantes 'VIP'; --")
            #expect(read.json["purpose"] as? String == "marketing_email")
            #expect(read.json["refreshIntervalSeconds"] as? Int == 600)
            #expect((read.json["rule"] as? [String: Any])?["trait"] != nil)
            #expect(read.json["version"] as? Int == 1)
            #expect((listed.json["data"] as? [[String: Any]])?.count == 1)
            #expect(updated.json["version"] as? Int == 2)
            #expect(updated.json["purpose"] as? String == "analytics", "a whole replacement: the default purpose")
            #expect(deleted.status == 204)
            #expect(gone.status == 404)
        }
    }

    @Test func anInvalidRuleIsRefusedWithAPointerIntoTheBody() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.segmentsManage])
            let cases: [(body: String, field: String)] = [
                (#"{"name": "x", "rule": {"and": [\#(Self.gold), {"purchase": {"count": {"gte": 1.5}}}]}}"#, "/rule/and/1/purchase/count/gte"),
                (#"{"name": "x", "rule": {"purchase": {"count": {"gte": "three"}}}}"#, "/rule/purchase/count/gte"),
                (#"{"name": "x", "rule": {"purchase": {"netRevenue": {"gte": 1}}}}"#, "/rule/purchase/currency"),
                (#"{"name": "x", "rule": {"event": {"name": "Viewed", "within": "since forever"}}}"#, "/rule/event/within"),
                (#"{"name": "x", "rule": {"treat": {}}}"#, "/rule/treat"),
                (#"{"name": "x", "rule": \#(Self.gold), "purpose": "curiosity"}"#, "/purpose"),
                (#"{"name": "", "rule": \#(Self.gold)}"#, "/name"),
                (#"{"name": "x", "rule": \#(Self.gold), "refreshIntervalSeconds": 5}"#, "/refreshIntervalSeconds"),
                (#"{"name": "x"}"#, "/rule"),
            ]
            try await CommerceFixtures.expectRefusals(cases, "POST", "/v1/segments", server: server, key: key)
            let unknown = try await server.send("POST", "/v1/segments", key: key, json: #"{"name": "x", "rule": \#(Self.gold), "rules": 1}"#)
            let malformed = try await server.send("POST", "/v1/segments", key: key, json: #"{"name": "x", "rule": {"#)
            let previewRefusal = try await server.send(
                "POST", "/v1/segments/preview", key: key, json: #"{"rule": {"rfm": {"recency": {"gte": 9}}}}"#)
            #expect(unknown.status == 422)
            #expect(unknown.json["field"] as? String == "/rules")
            #expect(malformed.status == 400)
            #expect(previewRefusal.json["field"] as? String == "/rule/rfm/recency/gte")
            let listed = try await server.send("GET", "/v1/segments", key: key)
            #expect((listed.json["data"] as? [Any])?.isEmpty == true, "nothing refused was stored")
        }
    }

    @Test func segmentsNeedTheirScope() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant(scopes: [.profilesRead, .audiencesRead])
            let create = try await server.send("POST", "/v1/segments", key: key, json: #"{"name": "x", "rule": \#(Self.gold)}"#)
            let preview = try await server.send("POST", "/v1/segments/preview", key: key, json: #"{"rule": \#(Self.gold)}"#)
            #expect(create.status == 403)
            #expect(preview.status == 403)
        }
    }

    @Test func creatingASegmentQueuesARefreshThatFillsItsMembers() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            let segment = try await Self.create(server, key: key, rule: #"{"purchase": {}}"#)
            let before = try await server.send("GET", "/v1/segments/\(segment)", key: key)

            await Self.runJobs(server)
            let after = try await server.send("GET", "/v1/segments/\(segment)", key: key)
            let members = try await Self.memberNames(server, key: key, segment: segment, ids: ids)

            #expect(before.json["memberCount"] is NSNull)
            #expect(after.json["memberCount"] as? Int == 3)
            #expect(after.json["refreshedVersion"] as? Int == 1)
            #expect(members == ["ann", "gus", "hal"])
        }
    }

    @Test func membershipHistoryRecordsWhoEnteredAndLeftAtEachRefresh() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            let segment = try await Self.create(server, key: key)
            await Self.runJobs(server)
            let first = try await Self.memberNames(server, key: key, segment: segment, ids: ids)

            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "ann", "traits": {"tier": "silver"}}"#)
            try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "ben", "traits": {"tier": "gold"}}"#)
            let refresh = try await server.send("POST", "/v1/segments/\(segment)/refresh", key: key)
            await Self.runJobs(server)
            let second = try await Self.memberNames(server, key: key, segment: segment, ids: ids)
            let history = try await server.send("GET", "/v1/segments/\(segment)/history", key: key)
            let annSegments = try await server.send("GET", "/v1/profiles/\(ids["ann"]!)/segments?purpose=analytics", key: key)

            #expect(first == ["ann"])
            #expect(refresh.status == 202)
            #expect((refresh.json["kind"] as? String) == "segments:refresh")
            #expect(second == ["ben"])
            let spells = try #require(history.json["data"] as? [[String: Any]])
            #expect(spells.count == 2)
            let annSpell = try #require(spells.first { $0["profileId"] as? String == ids["ann"]!.uuidString.lowercased() })
            let benSpell = try #require(spells.first { $0["profileId"] as? String == ids["ben"]!.uuidString.lowercased() })
            #expect(annSpell["exitedAt"] as? String == benSpell["enteredAt"] as? String, "both changes happened at the second refresh")
            #expect(benSpell["exitedAt"] is NSNull)
            let annList = try #require(annSegments.json["data"] as? [[String: Any]])
            #expect(annList.count == 1)
            #expect(annList.first?["name"] as? String == "Gold")
            #expect(annList.first?["exitedAt"] as? String != nil)
        }
    }

    @Test func membersAreReadForAPurposeSoAWithdrawalHidesThemAtOnce() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            let segment = try await Self.create(server, key: key, rule: #"{"purchase": {}}"#)
            await Self.runJobs(server)

            try await ConsentFixtures.record(server, key: key, profileID: ids["gus"]!.uuidString, #"{"analytics": false}"#)
            let members = try await Self.memberNames(server, key: key, segment: segment, ids: ids)
            let forEmail = try await Self.memberNames(server, key: key, segment: segment, ids: ids, query: "&purpose=marketing_email")

            #expect(members == ["ann", "hal"], "gus withdrew: not read, though the last refresh stored him")
            #expect(forEmail == ["ann"])
        }
    }

    @Test func membersArePagedByCursor() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            let segment = try await Self.create(server, key: key, rule: #"{"purchase": {"count": {"gte": 0}}}"#)
            await Self.runJobs(server)

            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await server.send(
                    "GET", "/v1/segments/\(segment)/members?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                seen += (page.json["data"] as? [[String: Any]] ?? []).compactMap { $0["profileId"] as? String }
                cursor = page.json["nextCursor"] as? String
                pages += 1
            } while cursor != nil
            let bad = try await server.send("GET", "/v1/segments/\(segment)/members?cursor=%27%3B--", key: key)

            #expect(pages == 3)
            #expect(seen == seen.sorted())
            #expect(Set(seen) == Set(ids.values.map { $0.uuidString.lowercased() }))
            #expect(bad.status == 400)
        }
    }

    @Test func aLargeTenantsPreviewIsAnEstimateFromAFixedSample() async throws {
        try await APITestServer.with { server in
            let (tenant, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            let evaluator = SegmentEvaluator(pools: server.personalData, sampleParts: 2, exactBelow: 1)
            let rule = try SegmentRuleJSON.rule(from: #"{"purchase": {"count": {"gte": 0}}}"#)

            let preview = try await evaluator.preview(tenantID: tenant.id, rule: rule, purpose: .analytics, exact: false)
            let exact = try await evaluator.preview(tenantID: tenant.id, rule: rule, purpose: .analytics, exact: true)

            let firstHalf = ids.values.filter { $0.uuidString < "80000000" }
            #expect(!preview.exact)
            #expect(preview.sampledFraction == 0.5)
            #expect(preview.evaluated == firstHalf.count)
            #expect(preview.size == 2 * firstHalf.count)
            #expect(preview.low <= preview.size && preview.size <= preview.high)
            #expect(Set(preview.sample) == Set(firstHalf))
            #expect(exact.exact && exact.size == ids.count)
        }
    }
}
