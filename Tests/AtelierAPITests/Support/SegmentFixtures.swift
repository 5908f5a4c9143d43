import AtelierDomain
import Foundation
import Testing

/// A small, fully known customer base for segment tests, built through the API, and the reads
/// the segment suites share.
///
/// | person | identifiers | traits | purchases (net of returns) | views of bags | consent |
/// |---|---|---|---|---|---|
/// | ann | email | tier gold, city Paris, birth_year 1980 | store, 2 days ago, a bag 950000 | – | marketing_email |
/// | ben | email, phone | tier silver, birth_year 1990 | web, 40 days ago, 2 scarves, all returned | – | – |
/// | cat | email | tier bronze | app, 10 days ago, a bag, cancelled | – | – |
/// | dan | email | – | – | 1, 3, 5 and 20 days ago | – |
/// | eve | email (+ a merged cookie) | tier silver | – | 2 and 4 days ago (cookie), 1 day ago | – |
/// | gus | user id only | – | web 5 and 3 days ago (a scarf each), store 1 day ago (a watch 300000) | – | – |
/// | hal | email | – | store 60 and 30 days ago (a scarf each) | – | – |
/// | fay | email | – | store 100 days ago, a bag | – | objects to analytics |
///
/// Bags are 950000 (category bags), scarves 45000 (scarves), the watch 300000 (watches), EUR.
enum SegmentFixtures {
    static let people = ["ann", "ben", "cat", "dan", "eve", "gus", "hal"]

    /// Builds the base; answers each visible person's live profile id by name (fay is not
    /// visible for analytics, the purpose the segments are read for).
    static func customerBase(_ server: APITestServer, key: String) async throws -> [String: UUID] {
        for (sku, name, category, price) in [
            ("BAG-25", "Tote", "bags", 950_000), ("SCARF-90", "Scarf", "scarves", 45_000), ("WATCH-1", "Watch", "watches", 300_000),
        ] {
            let item = try await server.send(
                "PUT", "/v1/items/\(sku)", key: key,
                json: #"{"name": "\#(name)", "categoryPath": ["\#(category)", "\#(category)_classic"], "priceMinor": \#(price), "currency": "EUR"}"#)
            try #require(item.status == 201 || item.status == 200, "\(item.text)")
        }
        try await identify(server, key, #"{"userId": "ann", "traits": {"email": "ann@example.com", "tier": "gold", "city": "Paris", "birth_year": 1980}}"#)
        try await identify(server, key, #"{"userId": "ben", "traits": {"email": "ben@example.com", "phone": "+33612345678", "tier": "silver", "birth_year": 1990}}"#)
        try await identify(server, key, #"{"userId": "cat", "traits": {"email": "cat@example.com", "tier": "bronze"}}"#)
        try await identify(server, key, #"{"userId": "dan", "traits": {"email": "dan@example.com"}}"#)
        try await identify(server, key, #"{"userId": "fay", "traits": {"email": "fay@example.com"}}"#)
        try await identify(server, key, #"{"userId": "hal", "traits": {"email": "hal@example.com"}}"#)

        try await order(server, key, "A1", customer: "ann@example.com", channel: "store", daysAgo: 2, sku: "BAG-25", price: 950_000)
        try await order(server, key, "B1", customer: "ben@example.com", channel: "web", daysAgo: 40, sku: "SCARF-90", price: 45_000, quantity: 2)
        try await giveBack(server, key, "B1", reason: "returned")
        try await order(server, key, "C1", customer: "cat@example.com", channel: "app", daysAgo: 10, sku: "BAG-25", price: 950_000)
        try await giveBack(server, key, "C1", reason: "cancelled")
        try await order(server, key, "F1", customer: "fay@example.com", channel: "store", daysAgo: 100, sku: "BAG-25", price: 950_000)
        try await order(server, key, "G1", userID: "gus", channel: "web", daysAgo: 5, sku: "SCARF-90", price: 45_000)
        try await order(server, key, "G2", userID: "gus", channel: "web", daysAgo: 3, sku: "SCARF-90", price: 45_000)
        try await order(server, key, "G3", userID: "gus", channel: "store", daysAgo: 1, sku: "WATCH-1", price: 300_000)
        try await order(server, key, "H1", customer: "hal@example.com", channel: "store", daysAgo: 60, sku: "SCARF-90", price: 45_000)
        try await order(server, key, "H2", customer: "hal@example.com", channel: "store", daysAgo: 30, sku: "SCARF-90", price: 45_000)

        for days: Double in [1, 3, 5, 20] { try await view(server, key, who: #""userId": "dan""#, daysAgo: days) }
        for days: Double in [2, 4] { try await view(server, key, who: #""anonymousId": "cookie-eve""#, daysAgo: days) }
        try await identify(server, key, #"{"userId": "eve", "anonymousId": "cookie-eve", "traits": {"email": "eve@example.com", "tier": "silver"}}"#)
        try await view(server, key, who: #""userId": "eve""#, daysAgo: 1)

        var ids: [String: UUID] = [:]
        for name in people {
            let id = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:\(name)"))
            ids[name] = UUID(uuidString: id)
        }
        try await ConsentFixtures.record(server, key: key, profileID: ids["ann"]!.uuidString, #"{"marketing_email": true}"#)
        let fay = try await server.pool.query(
            "SELECT profile_id FROM profile_identifiers WHERE type = 'user_id' AND value = 'fay'")
        let fayID = try #require(fay.first).decode(UUID.self, column: "profile_id")
        try await ConsentFixtures.record(server, key: key, profileID: fayID.uuidString, #"{"analytics": false}"#)
        return ids
    }

    /// The members `rule` (JSON) selects, by name, from an exact preview for `purpose`.
    static func members(
        _ rule: String, _ server: APITestServer, key: String, ids: [String: UUID], purpose: String = "analytics"
    ) async throws -> Set<String> {
        let response = try await server.send(
            "POST", "/v1/segments/preview", key: key, json: #"{"rule": \#(rule), "purpose": "\#(purpose)", "exact": true}"#)
        try #require(response.status == 200, "\(rule): \(response.text)")
        let sample = Set((response.json["sample"] as? [String] ?? []).compactMap(UUID.init(uuidString:)))
        #expect(response.json["size"] as? Int == sample.count, "\(rule): every member fits in the sample")
        let names = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
        return Set(sample.map { names[$0] ?? "unknown \($0)" })
    }

    static func time(daysAgo days: Double) -> String {
        Date().addingTimeInterval(-days * 86_400).formatted(.iso8601)
    }

    private static func identify(_ server: APITestServer, _ key: String, _ body: String) async throws {
        try await TrackingFixtures.send(server, key: key, "identify", body)
    }

    private static func view(_ server: APITestServer, _ key: String, who: String, daysAgo: Double) async throws {
        try await TrackingFixtures.send(
            server, key: key, "track",
            #"{\#(who), "event": "Product Viewed", "properties": {"category": "bags", "sku": "BAG-25"}, "timestamp": "\#(time(daysAgo: daysAgo))"}"#)
    }

    private static func order(
        _ server: APITestServer, _ key: String, _ id: String, customer: String? = nil, userID: String? = nil,
        channel: String, daysAgo: Double, sku: String, price: Int, quantity: Int = 1
    ) async throws {
        let buyer = customer.map { #"{"email": "\#($0)"}"# } ?? #"{"userId": "\#(userID ?? "")"}"#
        let body = CommerceFixtures.order(
            id, channel: channel, storeID: channel == "store" ? "PAR-1" : nil, occurredAt: time(daysAgo: daysAgo),
            lines: [#"{"sku": "\#(sku)", "quantity": \#(quantity), "unitPriceMinor": \#(price)}"#], customer: buyer)
        _ = try await CommerceFixtures.profile(ofOrder: body, server: server, key: key)
    }

    private static func giveBack(_ server: APITestServer, _ key: String, _ orderID: String, reason: String) async throws {
        let response = try await server.send(
            "POST", "/v1/returns", key: key,
            json: #"{"returnId": "R-\#(orderID)", "orderId": "\#(orderID)", "occurredAt": "\#(time(daysAgo: 0.5))", "reason": "\#(reason)"}"#)
        try #require(response.status == 201, "\(response.text)")
    }
}
