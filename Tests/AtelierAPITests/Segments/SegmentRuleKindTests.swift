import AtelierDomain
import Foundation
import Testing

/// Every condition of the rule language against memberships computed by hand from
/// `SegmentFixtures.customerBase` (the table there), evaluated on PostgreSQL through the
/// analytics purpose pool. Fay objects to analytics: no rule ever selects her, and her orders
/// do not move anyone's RFM quintile.
@Suite("Segment rule kinds")
struct SegmentRuleKindTests {
    /// Each rule with its members, worked out from the fixture table.
    static let cases: [(rule: String, members: Set<String>)] = [
        // Traits: the newest value across a merged person.
        (#"{"trait": {"key": "tier", "eq": "gold"}}"#, ["ann"]),
        (#"{"trait": {"key": "tier", "in": ["silver", "bronze"]}}"#, ["ben", "cat", "eve"]),
        (#"{"trait": {"key": "tier", "ne": "gold"}}"#, ["ben", "cat", "eve"]),
        (#"{"trait": {"key": "birth_year", "gte": 1985}}"#, ["ben"]),
        (#"{"trait": {"key": "birth_year", "gt": 1970, "lt": 1985}}"#, ["ann"]),
        (#"{"trait": {"key": "tier", "exists": false}}"#, ["dan", "gus", "hal"]),
        (#"{"trait": {"key": "city", "contains": "PAR"}}"#, ["ann"]),
        (#"{"trait": {"key": "tier", "gte": "c"}}"#, ["ann", "ben", "eve"]),
        // Identifiers present.
        (#"{"identifier": {"type": "phone"}}"#, ["ben"]),
        (#"{"identifier": {"type": "anonymous_id"}}"#, ["eve"]),
        // Consent state.
        (#"{"consent": {"purpose": "marketing_email"}}"#, ["ann"]),
        // Purchases, net of returns and cancellations.
        (#"{"purchase": {}}"#, ["ann", "gus", "hal"]),
        (#"{"purchase": {"count": {"eq": 0}}}"#, ["ben", "cat", "dan", "eve"]),
        (#"{"purchase": {"category": "bags"}}"#, ["ann"]),
        (#"{"purchase": {"sku": ["SCARF-90"], "count": {"gte": 2}}}"#, ["gus", "hal"]),
        (#"{"purchase": {"channel": "store"}}"#, ["ann", "gus", "hal"]),
        (#"{"purchase": {"channel": "online"}}"#, ["gus"]),
        (#"{"purchase": {"within": "7 days", "count": {"gte": 2}}}"#, ["gus"]),
        (#"{"purchase": {"within": "7 days"}}"#, ["ann", "gus"]),
        (#"{"purchase": {"after": "45 days ago", "before": "20 days ago"}}"#, ["hal"]),
        (#"{"purchase": {"netRevenue": {"gte": 390000}, "currency": "EUR"}}"#, ["ann", "gus"]),
        (#"{"purchase": {"netRevenue": {"lt": 100000}, "currency": "EUR"}}"#, ["ben", "cat", "dan", "eve", "hal"]),
        (#"{"purchase": {"units": {"gte": 3}}}"#, ["gus"]),
        (#"{"purchase": {"category": "scarves", "units": {"eq": 0}}}"#, ["ann", "ben", "cat", "dan", "eve"]),
        (#"{"purchase": {"lastPurchase": {"before": "36 hours ago"}}}"#, ["ann", "hal"]),
        (#"{"purchase": {"firstPurchase": {"within": "7 days"}}}"#, ["ann", "gus"]),
        // Events counted within windows, across merged profiles.
        (#"{"event": {"name": "Product Viewed", "where": {"category": "bags"}, "within": "14 days", "count": {"gte": 3}}}"#, ["dan", "eve"]),
        (#"{"event": {"name": "Product Viewed", "count": {"gte": 4}}}"#, ["dan"]),
        (#"{"event": {"name": "Product Viewed", "where": {"category": "shoes"}}}"#, []),
        (#"{"event": {"type": "identify"}}"#, ["ann", "ben", "cat", "dan", "eve", "hal"]),
        // RFM quintiles within ann, gus and hal (the visible buyers).
        (#"{"rfm": {"recency": {"gte": 3}, "frequency": {"gte": 3}}}"#, ["gus"]),
        (#"{"rfm": {"monetary": {"eq": 5}, "currency": "EUR"}}"#, ["ann"]),
        (#"{"rfm": {"recency": {"eq": 1}}}"#, ["hal"]),
        // Combinations.
        (
            #"{"and": [{"event": {"name": "Product Viewed", "where": {"category": "bags"}, "within": "14 days", "count": {"gte": 3}}}, {"not": {"purchase": {"within": "14 days"}}}]}"#,
            ["dan", "eve"]
        ),
        (#"{"or": [{"trait": {"key": "tier", "eq": "gold"}}, {"identifier": {"type": "phone"}}]}"#, ["ann", "ben"]),
        (#"{"not": {"consent": {"purpose": "marketing_email"}}}"#, ["ben", "cat", "dan", "eve", "gus", "hal"]),
        (#"{"not": {"trait": {"key": "tier", "eq": "gold"}}}"#, ["ben", "cat", "dan", "eve", "gus", "hal"]),
    ]

    @Test func everyRuleKindSelectsTheHandComputedMembers() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)
            for (rule, expected) in Self.cases {
                let members = try await SegmentFixtures.members(rule, server, key: key, ids: ids)
                #expect(members == expected, "\(rule)")
            }
        }
    }

    @Test func aRuleReadForAPurposeSeesOnlyPersonsPermittingIt() async throws {
        try await APITestServer.with { server in
            let (_, key) = try await server.makeTenant()
            let ids = try await SegmentFixtures.customerBase(server, key: key)

            let everyone = #"{"purchase": {"count": {"gte": 0}}}"#
            let forAnalytics = try await SegmentFixtures.members(everyone, server, key: key, ids: ids)
            let forEmail = try await SegmentFixtures.members(everyone, server, key: key, ids: ids, purpose: "marketing_email")

            #expect(forAnalytics == Set(SegmentFixtures.people))
            #expect(forEmail == ["ann"], "only ann granted marketing_email")
        }
    }
}
