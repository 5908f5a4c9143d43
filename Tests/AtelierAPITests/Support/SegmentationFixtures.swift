import AtelierDomain
import Foundation
import Testing

/// Helpers for segmentation tests: load a planted clientele through the API, read the
/// clusters, and compare partitions.
enum SegmentationFixtures {
    /// Loads `data` (items, orders by bulk import, returns); answers each customer's profile id.
    static func load(_ data: PlantedSegments, server: APITestServer, key: String) async throws -> [UUID] {
        for (sku, category) in PlantedSegments.catalogue {
            let item = try await server.send(
                "PUT", "/v1/items/\(sku)", key: key, json: #"{"name": "\#(sku)", "categoryPath": ["\#(category)"]}"#)
            try #require(item.status == 200 || item.status == 201, "\(item.text)")
        }
        let imported = try await server.client.send(
            "POST", "/v1/import/orders", headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/x-ndjson")],
            body: Array(data.orderLines().joined(separator: "\n").utf8))
        try #require(imported.json["accepted"] as? Int == data.orders.count, "\(imported.text)")
        for orderID in data.returned {
            let response = try await server.send(
                "POST", "/v1/returns", key: key,
                json: #"{"returnId": "R-\#(orderID)", "orderId": "\#(orderID)", "occurredAt": "\#(Date().addingTimeInterval(-3600).formatted(.iso8601))", "reason": "returned"}"#)
            try #require(response.status == 201, "\(response.text)")
        }
        let rows = try await server.pool.query(
            """
            SELECT i.value, p.canonical_id FROM profile_identifiers i
            JOIN profiles p ON p.tenant_id = i.tenant_id AND p.profile_id = i.profile_id
            WHERE i.type = 'user_id' AND i.value LIKE 'planted-%'
            """)
        var ids: [String: UUID] = [:]
        for row in rows { ids[try row.decode(String.self, column: "value")] = try row.decode(UUID.self, column: "canonical_id") }
        return try (0..<data.customers).map { try #require(ids[data.userID($0)]) }
    }

    /// `GET /v1/models/segmentation/versions/{version}/clusters`, expecting 200.
    static func clusters(version: Int, server: APITestServer, key: String) async throws -> [String: Any] {
        let response = try await server.send("GET", "/v1/models/segmentation/versions/\(version)/clusters", key: key)
        try #require(response.status == 200, "\(response.text)")
        return response.json
    }

    /// Each profile's label under `version`, read from the table (test verification only).
    static func assignments(version: Int, server: APITestServer) async throws -> [UUID: Int] {
        let rows = try await server.pool.query(
            "SELECT profile_id, label FROM cluster_assignments WHERE version = $1", [version])
        var labels: [UUID: Int] = [:]
        for row in rows { labels[try row.decode(UUID.self, column: "profile_id")] = try row.decode(Int.self, column: "label") }
        return labels
    }

    /// The adjusted Rand index of two labellings of the same items (Hubert and Arabie): 1 for
    /// the same partition, about 0 for independent ones.
    static func adjustedRandIndex(_ first: [Int], _ second: [Int]) -> Double {
        func pairs(_ count: Int) -> Double { Double(count * (count - 1)) / 2 }
        var table: [[Int]: Int] = [:]
        var rows: [Int: Int] = [:]
        var columns: [Int: Int] = [:]
        for (a, b) in zip(first, second) {
            table[[a, b], default: 0] += 1
            rows[a, default: 0] += 1
            columns[b, default: 0] += 1
        }
        let index = table.values.reduce(0) { $0 + pairs($1) }
        let rowPairs = rows.values.reduce(0) { $0 + pairs($1) }
        let columnPairs = columns.values.reduce(0) { $0 + pairs($1) }
        let expected = rowPairs * columnPairs / pairs(first.count)
        let maximum = (rowPairs + columnPairs) / 2
        return maximum == expected ? 1 : (index - expected) / (maximum - expected)
    }
}

extension SegmentationFixtures {
    /// Refreshes segment `segmentID` with the worker's handler and answers its members.
    static func refreshedMembers(_ segmentID: String, server: APITestServer, key: String) async throws -> Set<UUID> {
        let id = try #require(UUID(uuidString: segmentID))
        let tenant = try await server.pool.query("SELECT tenant_id FROM segments WHERE segment_id = $1", [id])
        _ = try await SegmentRefresher(pool: server.pool, pools: server.personalData)
            .refresh(tenantID: try #require(tenant.first).decode(UUID.self, column: "tenant_id"), segmentID: id)
        var members: Set<UUID> = []
        var cursor: String?
        repeat {
            let page = try await server.send(
                "GET", "/v1/segments/\(segmentID)/members?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            try #require(page.status == 200, "\(page.text)")
            for member in page.json["data"] as? [[String: Any]] ?? [] {
                if let id = (member["profileId"] as? String).flatMap(UUID.init(uuidString:)) { members.insert(id) }
            }
            cursor = page.json["nextCursor"] as? String
        } while cursor != nil
        return members
    }
}
