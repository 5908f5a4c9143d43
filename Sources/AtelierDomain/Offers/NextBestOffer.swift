import AtelierPostgres
import Foundation

/// Decides the next best offer for a profile (`GET /v1/profiles/{id}/offer`) from its
/// propensity, churn risk and lifetime value under the tenant's rules, with items bought with
/// what the person bought last (or best sellers).
///
/// Reads for `personalization`: a profile that does not permit it (or an unknown id) gets the
/// non-personal answer (no discount, best sellers), the same for both so the answer does not
/// tell whether the profile exists. Scores count only while the profile also permits
/// `analytics`, the purpose they were computed for.
public struct NextBestOffer: Sendable {
    private let pools: PersonalDataPools
    private let rules: OfferRuleStore
    private let boughtTogether: BoughtTogether
    private static let itemLimit = 5

    public init(pool: PostgresPool, readers: PersonalDataPools) {
        pools = readers
        rules = OfferRuleStore(pool: pool)
        boughtTogether = BoughtTogether(pool: pool)
    }

    public func offer(tenantID: UUID, profileID: UUID) async throws -> OfferDecision {
        let rules = try await rules.rules(tenantID: tenantID)
        let person = try await pools.pool(for: .personalization).withConnection { connection in
            try await Self.person(tenantID: tenantID, profileID: profileID, on: connection)
        }
        guard let person else {
            return OfferDecision(
                personalised: false, discountPercent: 0,
                items: try await boughtTogether.forCart(tenantID: tenantID, skus: [], limit: Self.itemLimit),
                propensity: nil, churnRisk: nil, lifetimeValueMinor: nil, modelVersions: [:], rule: "not_personalised",
                reason: "the profile does not permit personalization: a non-personal offer without discount",
                rules: rules)
        }
        let items = try await boughtTogether.forCart(tenantID: tenantID, skus: person.recentSKUs, limit: Self.itemLimit)
        let decision = Self.decide(
            propensity: person.scores[.propensity], churn: person.scores[.churn], value: person.scores[.clv], rules: rules)
        return OfferDecision(
            personalised: true, discountPercent: decision.discount, items: items, propensity: person.scores[.propensity],
            churnRisk: person.scores[.churn], lifetimeValueMinor: person.scores[.clv], modelVersions: person.versions,
            rule: decision.rule, reason: decision.reason, rules: rules)
    }

    /// The rules, in order: no propensity, no discount; likely buyers get none; valuable
    /// customers at risk get the ceiling; everyone else a discount that grows as the
    /// propensity falls, in steps of 5 points, never above the ceiling.
    static func decide(propensity: Double?, churn: Double?, value: Double?, rules: OfferRules)
        -> (discount: Int, rule: String, reason: String)
    {
        guard let propensity else {
            return (0, "no_scores", "no propensity score for this profile yet: no discount")
        }
        let p = String(format: "%.2f", propensity)
        if propensity >= rules.noDiscountAbovePropensity {
            return (0, "likely_to_buy", "propensity \(p) is at or above \(rules.noDiscountAbovePropensity): no discount needed")
        }
        if let churn, let value, churn >= rules.churnRiskThreshold, value >= Double(rules.highValueMinor) {
            return (
                rules.maxDiscountPercent, "valuable_at_risk",
                String(format: "churn risk %.2f and lifetime value %.0f: the ceiling of %d%%", churn, value, rules.maxDiscountPercent)
            )
        }
        let share = 1 - propensity / max(rules.noDiscountAbovePropensity, .ulpOfOne)
        let discount = min(rules.maxDiscountPercent, Int((Double(rules.maxDiscountPercent) * share / 5).rounded(.down)) * 5)
        return (
            discount, "scaled_by_propensity",
            "propensity \(p) below \(rules.noDiscountAbovePropensity): \(discount)% of a \(rules.maxDiscountPercent)% ceiling"
        )
    }

    private struct Person {
        var scores: [ModelKind: Double] = [:]
        var versions: [ModelKind: Int] = [:]
        var recentSKUs: [String] = []
    }

    /// The visible person's serving scores (while it permits analytics too) and the items of
    /// its latest orders; nil when the profile is not visible.
    private static func person(tenantID: UUID, profileID: UUID, on connection: PostgresConnection) async throws -> Person? {
        let rows = try await connection.query(
            """
            SELECT s.kind, s.version, s.score
            FROM profiles p
            LEFT JOIN (profile_scores s JOIN model_versions v
                ON v.tenant_id = s.tenant_id AND v.kind = s.kind AND v.version = s.version AND v.status = 'serving')
                ON s.tenant_id = p.tenant_id AND s.profile_id = p.canonical_id
                AND consent_permits(s.tenant_id, s.profile_id, 'analytics')
            WHERE p.tenant_id = $1 AND p.profile_id = $2
            """, [tenantID, profileID])
        guard !rows.isEmpty else { return nil }
        var person = Person()
        for row in rows {
            guard let name = try row.decode(String?.self, column: "kind"), let kind = ModelKind(rawValue: name) else {
                continue
            }
            person.scores[kind] = try row.decode(Double.self, column: "score")
            person.versions[kind] = try row.decode(Int.self, column: "version")
        }
        person.recentSKUs = try await connection.query(
            """
            SELECT l.sku FROM profiles p
            JOIN profiles m ON m.tenant_id = p.tenant_id AND m.canonical_id = p.canonical_id
            JOIN orders o ON o.tenant_id = m.tenant_id AND o.profile_id = m.profile_id
            JOIN order_lines l ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
            WHERE p.tenant_id = $1 AND p.profile_id = $2
            ORDER BY o.occurred_at DESC, l.sku
            LIMIT 10
            """, [tenantID, profileID]
        ).map { try $0.decode(String.self, column: "sku") }
        return person
    }
}
