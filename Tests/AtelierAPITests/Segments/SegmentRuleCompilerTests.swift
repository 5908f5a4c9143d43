@testable import AtelierDomain
import AtelierPostgres
import Foundation
import Testing

/// The rule language without a database: parsing (every refusal names its node), the
/// canonical form rules are stored in, and the SQL the compiler writes (values only as
/// parameters, placeholders all bound, relative dates against the evaluation's clock).
@Suite("Segment rule compiler")
struct SegmentRuleCompilerTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func compile(_ json: String, scope: PersonScope = .all) throws -> SegmentCompiler.Output {
        SegmentCompiler(now: now, scope: scope).compile(try SegmentRuleJSON.rule(from: json), tenantID: UUID())
    }

    @Test(arguments: (SegmentRuleKindTests.cases + ModelConditionTests.cases).map(\.rule))
    func everyRuleReadsBackFromItsStoredForm(_ json: String) throws {
        let rule = try SegmentRuleJSON.rule(from: json)
        let stored = try SegmentRuleJSON.text(of: rule)
        #expect(try SegmentRuleJSON.rule(from: stored) == rule)
        #expect(try SegmentRuleJSON.text(of: SegmentRuleJSON.rule(from: stored)) == stored)
    }

    @Test func valuesReachTheStatementOnlyAsParameters() throws {
        let hostile = "x'); DROP TABLE profiles; --"
        let output = try Self.compile(
            """
            {"and": [
              {"trait": {"key": "\(hostile)", "eq": "\(hostile)"}},
              {"trait": {"key": "t", "contains": "\(hostile)"}},
              {"event": {"name": "\(hostile)", "where": {"\(hostile)": "\(hostile)"}}},
              {"purchase": {"sku": "\(hostile)", "category": ["\(hostile)"], "store": "\(hostile)"}},
              {"identifier": {"type": "loyalty_card"}}
            ]}
            """)
        let sql = output.commonTables.joined() + output.predicate
        #expect(!sql.contains("DROP"))
        #expect(!sql.contains(hostile))
        let texts = output.parameters.values.compactMap(\.postgresText)
        #expect(texts.contains(hostile))
        #expect(texts.contains { $0.contains("DROP TABLE") && $0.hasPrefix("{") })
    }

    @Test(arguments: (SegmentRuleKindTests.cases + ModelConditionTests.cases).map(\.rule))
    func everyPlaceholderIsBoundInOrder(_ json: String) throws {
        let output = try Self.compile(json, scope: .sample(parts: 8))
        let sql = output.commonTables.joined() + output.predicate
        let numbers = Set(sql.matches(of: /\$(\d+)/).compactMap { Int($0.output.1) })
        // $1, the tenant, is always used by the statement around the predicate.
        #expect(numbers.union([1]) == Set(1...output.parameters.values.count))
    }

    @Test func relativeDatesAreResolvedAgainstTheEvaluationClock() throws {
        let output = try Self.compile(#"{"purchase": {"within": "14 days", "before": "2 hours ago"}}"#)
        let dates = output.parameters.values.compactMap { $0 as? Date }
        #expect(dates == [Self.now.addingTimeInterval(-14 * 86_400), Self.now.addingTimeInterval(-2 * 3600)])
    }

    @Test func calendarMonthsAreCalendarMonths() throws {
        let march31 = try #require(TimeExpression(parsing: "2026-03-31")).resolve(now: Self.now)
        let february28 = try #require(TimeExpression(parsing: "2026-02-28")).resolve(now: Self.now)
        #expect(TimeSpan(amount: 1, unit: .month).before(march31) == february28)
    }

    @Test func onlineMeansTheWebAndTheApp() throws {
        let output = try Self.compile(#"{"purchase": {"channel": ["online", "web"]}}"#)
        #expect(output.parameters.values.contains { ($0 as? [String]) == ["app", "web"] })
    }

    @Test func combinationsNestAsWritten() throws {
        let output = try Self.compile(
            #"{"or": [{"not": {"identifier": {"type": "email"}}}, {"and": [{"consent": {"purpose": "analytics"}}, {"identifier": {"type": "phone"}}]}]}"#)
        #expect(output.predicate.hasPrefix("((NOT EXISTS"))
        #expect(output.predicate.contains(") OR (consent_permits(p.tenant_id, p.profile_id, $3::text) AND EXISTS"))
    }

    @Test func rfmScoresAreComputedOncePerConditionOverTheScope() throws {
        let output = try Self.compile(
            #"{"and": [{"rfm": {"recency": {"gte": 4}}}, {"rfm": {"monetary": {"gte": 4}, "currency": "EUR"}}]}"#,
            scope: .sample(parts: 4))
        #expect(output.commonTables.count == 2)
        #expect(output.commonTables.allSatisfy { $0.contains("rp.profile_id >= $") })
        #expect(output.predicate.contains("p.profile_id IN (SELECT person FROM rfm_1 WHERE recency >= "))
    }

    @Test func aSampleIsAFixedSliceOfTheIdSpace() {
        guard case .slice(let lower, let upper, let fraction) = PersonScope.sample(parts: 64) else {
            Issue.record("not a slice")
            return
        }
        #expect(lower == UUID(uuidString: "00000000-0000-0000-0000-000000000000"))
        #expect(upper.uuidString.hasPrefix("03FFFFFF-FFFF-FFFF"))
        #expect(fraction == 1.0 / 64)
    }

    /// Refused rules, each with the JSON pointer (from the rule's root) of the node at fault.
    static let refusals: [(rule: String, pointer: String)] = [
        (#"{}"#, ""),
        (#"{"trait": {"key": "tier", "eq": "gold"}, "identifier": {"type": "email"}}"#, ""),
        (#"{"purchse": {}}"#, "/purchse"),
        (#"{"and": []}"#, "/and"),
        (#"{"and": [{"identifier": {"type": "email"}}, {"trait": {"key": "tier"}}]}"#, "/and/1/trait"),
        (#"{"trait": {"key": "tier", "eq": "gold", "in": ["a"]}}"#, "/trait"),
        (#"{"trait": {"eq": "gold"}}"#, "/trait/key"),
        (#"{"trait": {"key": "x", "gt": 1, "lt": "z"}}"#, "/trait/lt"),
        (#"{"trait": {"key": "x", "in": [{"a": 1}]}}"#, "/trait/in/0"),
        (#"{"purchase": {"count": {"atLeast": 2}}}"#, "/purchase/count/atLeast"),
        (#"{"purchase": {"count": {}}}"#, "/purchase/count"),
        (#"{"purchase": {"count": {"gte": 1.5}}}"#, "/purchase/count/gte"),
        (#"{"purchase": {"netRevenue": {"gte": 100}}}"#, "/purchase/currency"),
        (#"{"purchase": {"netRevenue": {"gte": 100}, "currency": "eur"}}"#, "/purchase/currency"),
        (#"{"purchase": {"within": "a fortnight"}}"#, "/purchase/within"),
        (#"{"purchase": {"after": "last tuesday"}}"#, "/purchase/after"),
        (#"{"purchase": {"within": "7 days", "after": "7 days ago"}}"#, "/purchase/after"),
        (#"{"purchase": {"channel": ["store", "boutique"]}}"#, "/purchase/channel/1"),
        (#"{"purchase": {"sku": []}}"#, "/purchase/sku"),
        (#"{"purchase": {"lastPurchase": {}}}"#, "/purchase/lastPurchase"),
        (#"{"purchase": {"colour": "red"}}"#, "/purchase/colour"),
        (#"{"event": {"within": "3 days"}}"#, "/event"),
        (#"{"event": {"name": "Viewed", "type": "click"}}"#, "/event/type"),
        (#"{"rfm": {"recency": {"gte": 6}}}"#, "/rfm/recency/gte"),
        (#"{"rfm": {"monetary": {"gte": 4}}}"#, "/rfm/currency"),
        (#"{"rfm": {}}"#, "/rfm"),
        (#"{"identifier": {"type": "E-Mail"}}"#, "/identifier/type"),
        (#"{"consent": {"purpose": "Marketing!"}}"#, "/consent/purpose"),
        (#"{"not": {"not": {"not": {"not": {"not": {"not": {"not": {"not": {"not": {"consent": {"purpose": "analytics"}}}}}}}}}}}"#, ""),
        ("{\"or\": [" + Array(repeating: #"{"identifier": {"type": "email"}}"#, count: 51).joined(separator: ",") + "]}", "/or"),
    ]

    @Test(arguments: refusals + ModelConditionTests.refusals)
    func anInvalidRuleIsRefusedNamingItsNode(_ refusal: (rule: String, pointer: String)) {
        do {
            _ = try SegmentRuleJSON.rule(from: refusal.rule)
            Issue.record("accepted \(refusal.rule)")
        } catch let error as DomainError {
            guard case .invalid(let field, _, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(field == refusal.pointer, "\(refusal.rule): \(error)")
        } catch let error as DecodingError {
            guard case .typeMismatch(_, let context) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(RulePointer.of(context.codingPath) == refusal.pointer, "\(refusal.rule): \(error)")
        } catch {
            Issue.record("\(error)")
        }
    }
}
