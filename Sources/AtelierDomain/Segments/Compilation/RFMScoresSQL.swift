import Foundation

/// The SQL of the RFM scores of every person in scope with at least one counted order:
/// `person, recency, frequency, monetary`, each `1 + floor(5 × percent_rank)` capped at 5
/// (see `RFMCondition`). The population is the scope, so a sampled preview scores within its
/// sample, and a refresh within the whole tenant.
struct RFMScoresSQL {
    let condition: RFMCondition
    let now: Date
    let scope: PersonScope

    func scores(_ parameters: inout SQLParameters) -> String {
        var filters = ["rp.tenant_id = $1", "rp.canonical_id = rp.profile_id", scope.condition(on: "rp", &parameters)]
        filters += PurchaseFactsSQL.orderFilters(
            PurchaseCondition(currency: nil, window: condition.window), now: now, &parameters)
        let revenue: String
        if let currency = condition.currency {
            revenue = "coalesce(sum(o.total_minor - coalesce(r.refunded, 0)) FILTER (WHERE o.currency = \(parameters.bind(currency, as: .text))), 0)"
        } else {
            revenue = "0"
        }
        let counts = PurchaseFactsSQL.orderCounts
        return """
            SELECT person,
                least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY last_at)))::int AS recency,
                least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY orders)))::int AS frequency,
                least(5, 1 + floor(5 * percent_rank() OVER (ORDER BY net)))::int AS monetary
            FROM (
                SELECT rp.profile_id AS person, count(*) FILTER (WHERE \(counts)) AS orders,
                    max(o.occurred_at) FILTER (WHERE \(counts)) AS last_at, \(revenue) AS net
                FROM profiles rp
                JOIN profiles m ON m.tenant_id = rp.tenant_id AND m.canonical_id = rp.profile_id
                JOIN orders o ON o.tenant_id = m.tenant_id AND o.profile_id = m.profile_id
                \(PurchaseFactsSQL.returnsOfOrder)
                WHERE \(filters.joined(separator: " AND "))
                GROUP BY rp.profile_id
                HAVING count(*) FILTER (WHERE \(counts)) > 0
            ) facts
            """
    }
}
