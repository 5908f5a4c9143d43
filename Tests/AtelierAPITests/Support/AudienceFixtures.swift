import AtelierDomain
import Foundation
import Testing

/// A customer base large enough to share (the minimum audience is 100), built with one batch
/// call: person `i` (0-based) is user `p<i>` with e-mail `person<i>@example.com` (every tenth a
/// Gmail address with dots and a `+` tag), phone `+336120<i>` and trait tier `gold`; each
/// grants partner sharing in the call's consent preferences, and advertising unless `i` is a
/// multiple of 22.
enum AudienceFixtures {
    static func email(_ index: Int) -> String {
        index % 10 == 0 ? "Person.\(index)+promo@gmail.com" : "person\(index)@example.com"
    }

    /// Person `index`'s e-mail as Google receives it before hashing, normalised by hand.
    static func googleEmail(_ index: Int) -> String {
        index % 10 == 0 ? "person\(index)@gmail.com" : "person\(index)@example.com"
    }

    static func phone(_ index: Int) -> String { "+336120" + String(format: "%05d", index) }

    /// Sends identify calls for people `range` with `tier`; answers their live profile ids.
    @discardableResult
    static func people(_ server: APITestServer, key: String, _ range: Range<Int>, tier: String = "gold") async throws
        -> [Int: UUID]
    {
        let calls = range.map { index in
            """
            {"type": "identify", "userId": "p\(index)", "traits": {"email": "\(email(index))", "phone": "\(phone(index))", "tier": "\(tier)"},
             "context": {"consent": {"categoryPreferences": {"partner_sharing": true, "advertising": \(index % 22 != 0)}}}}
            """
        }
        let response = try await server.send("POST", "/v1/batch", key: key, json: #"{"batch": [\#(calls.joined(separator: ","))]}"#)
        try #require(response.status == 200, "\(response.text)")
        var ids: [Int: UUID] = [:]
        for index in range {
            let id = try #require(try await TrackingFixtures.profileID(server, key: key, "user_id:p\(index)"))
            ids[index] = UUID(uuidString: id)
        }
        return ids
    }

    /// Sets `tier` on person `index`.
    static func retier(_ server: APITestServer, key: String, _ index: Int, _ tier: String) async throws {
        try await TrackingFixtures.send(server, key: key, "identify", #"{"userId": "p\#(index)", "traits": {"tier": "\#(tier)"}}"#)
    }

    /// A refreshed segment of the gold tier and an audience of it; answers (segment, audience).
    static func goldAudience(
        _ server: APITestServer, key: String, destination: String = "google_customer_match",
        identifiers: String = #"["email", "phone", "pseudonymous_id"]"#, extra: String = ""
    ) async throws -> (segment: String, audience: String) {
        let segment = try await SegmentAPITests.create(server, key: key)
        await SegmentAPITests.runJobs(server)
        let audience = try await server.send(
            "POST", "/v1/audiences", key: key,
            json: #"{"name": "Gold for the agency", "segmentId": "\#(segment)", "partner": "Agence Lumière", "destination": "\#(destination)", "identifiers": \#(identifiers)\#(extra)}"#)
        try #require(audience.status == 201, "\(audience.text)")
        return (segment, try #require(audience.json["id"] as? String))
    }

    /// A partner key: `audiences:read` for `audiences` only.
    static func partnerKey(_ server: APITestServer, key: String, audiences: [String]) async throws -> String {
        let ids = audiences.map { #""\#($0)""# }.joined(separator: ",")
        let created = try await server.send(
            "POST", "/v1/keys", key: key, json: #"{"name": "agency", "scopes": ["audiences:read"], "audienceIds": [\#(ids)]}"#)
        return try #require(created.json["secret"] as? String, "\(created.text)")
    }

    /// Every NDJSON row of a pull, following cursors; answers the rows and the pages fetched.
    static func pull(_ server: APITestServer, key: String, audience: String, query: String = "")
        async throws -> (rows: [[String: Any]], pages: Int)
    {
        var rows: [[String: Any]] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try await server.send(
                "GET", "/v1/audiences/\(audience)/members?format=ndjson\(query)" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            try #require(page.status == 200, "\(page.text)")
            rows += page.text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
            cursor = page.header("Audience-Next-Cursor")
            pages += 1
        } while cursor != nil
        return (rows, pages)
    }
}
