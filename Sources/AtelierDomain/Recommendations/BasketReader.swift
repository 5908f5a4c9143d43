import AtelierPostgres
import Foundation

/// Reads every basket of a tenant for training, under the `analytics` purpose: orders of
/// profiles that do not permit analytics are invisible to it (row-level security). Pages
/// through the orders by id, so memory holds one page of rows at a time plus the baskets.
struct BasketReader: Sendable {
    let pools: PersonalDataPools
    var pageSize = 20_000

    /// All baskets with at least one item left after returns, in no particular order.
    func baskets(tenantID: UUID) async throws -> [Basket] {
        let pool = pools.pool(for: .analytics)
        var baskets: [Basket] = []
        var after = ""
        while true {
            let rows = try await pool.query(
                """
                SELECT o.order_id, o.occurred_at, array_agg(DISTINCT l.sku ORDER BY l.sku) AS skus
                FROM orders o
                JOIN order_lines l
                    ON l.tenant_id = o.tenant_id AND l.profile_id = o.profile_id AND l.order_id = o.order_id
                LEFT JOIN LATERAL (
                    SELECT sum(r.quantity) AS returned FROM return_lines r
                    WHERE r.tenant_id = l.tenant_id AND r.profile_id = l.profile_id
                      AND r.order_id = l.order_id AND r.line_id = l.line_id
                ) returned ON true
                WHERE o.tenant_id = $1 AND o.order_id > $2 AND l.quantity > COALESCE(returned.returned, 0)
                GROUP BY o.order_id, o.occurred_at
                ORDER BY o.order_id
                LIMIT $3
                """, [tenantID, after, pageSize])
            for row in rows {
                baskets.append(
                    Basket(
                        occurredAt: try row.decode(Date.self, column: "occurred_at"),
                        skus: try row.decode([String].self, column: "skus")))
            }
            guard rows.count == pageSize, let last = rows.last else { return baskets }
            after = try last.decode(String.self, column: "order_id")
        }
    }
}
