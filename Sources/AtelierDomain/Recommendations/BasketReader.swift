import AtelierPostgres
import Foundation

/// Reads every basket of a tenant for training, under the `analytics` purpose: orders of
/// profiles that do not permit analytics are not read. Through `analytics_baskets` (migration
/// 0015), which checks consent once per order rather than row-level security on every order,
/// line and return line. Pages through the orders by id, so memory holds one page of rows at a
/// time plus the baskets.
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
                "SELECT order_id, occurred_at, skus FROM analytics_baskets($1, $2, $3)", [tenantID, after, pageSize])
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
