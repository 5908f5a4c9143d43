import AtelierPostgres
import Foundation

/// The purchase summary of the single customer view, netted from the commerce facts: orders
/// less their returns, across every profile merged into the viewed one.
///
/// Netting: revenue is what orders took less what returns refunded; items are units bought
/// less units returned. A cancelled order (one with a `cancelled` return) nets to zero and is
/// not a purchase: it counts in no order total, date, channel, store or returns rate.
///
/// Currencies: amounts are never added across currencies. The money figures are in the
/// customer's main currency — the one most of their orders were paid in, the latest order's
/// on a tie — and `currency` names it; counts, dates, channels and stores cover every currency.
public struct PurchaseSummaryService: PurchaseSummaryProviding {
    private let pools: PersonalDataPools
    private let now: @Sendable () -> Date

    /// - Parameter now: the clock recency is measured against; tests pin it.
    public init(pools: PersonalDataPools, now: @escaping @Sendable () -> Date = { Date() }) {
        self.pools = pools
        self.now = now
    }

    public func summary(tenantID: UUID, profileIDs: [UUID], purpose: ReadPurpose) async throws -> PurchaseSummary {
        guard !profileIDs.isEmpty else { return .empty }
        let rows = try await pools.pool(for: purpose).query(Self.totalsByCurrency, [tenantID, profileIDs])
        let totals = try rows.map(CurrencyTotals.init(row:)).filter { $0.orders > 0 }
        guard let main = totals.max(by: { ($0.orders, $0.lastPurchaseAt) < ($1.orders, $1.lastPurchaseAt) }) else {
            return .empty
        }
        let orders = totals.reduce(0) { $0 + $1.orders }
        let bought = totals.reduce(0) { $0 + $1.boughtItems }
        let returned = totals.reduce(0) { $0 + $1.returnedItems }
        let lastPurchaseAt = totals.map(\.lastPurchaseAt).max() ?? main.lastPurchaseAt
        let recencyDays = max(0, Int(now().timeIntervalSince(lastPurchaseAt) / 86_400))
        return PurchaseSummary(
            orders: orders, netRevenueMinor: main.netRevenueMinor, currency: main.currency,
            items: Int(bought - returned),
            averageBasketMinor: Int64((Double(main.netRevenueMinor) / Double(main.orders)).rounded()),
            lastPurchaseAt: lastPurchaseAt, firstPurchaseAt: totals.map(\.firstPurchaseAt).min(),
            returnsRate: bought > 0 ? Double(returned) / Double(bought) : 0, recencyDays: recencyDays,
            frequency: orders, monetaryMinor: main.netRevenueMinor,
            channels: Set(totals.flatMap(\.channels)).sorted(), stores: Set(totals.flatMap(\.stores)).sorted())
    }

    /// One currency's netted figures.
    private struct CurrencyTotals {
        var currency: String
        var orders: Int
        var netRevenueMinor: Int64
        var boughtItems: Int64
        var returnedItems: Int64
        var firstPurchaseAt: Date
        var lastPurchaseAt: Date
        var channels: [String]
        var stores: [String]

        init(row: PostgresRow) throws {
            currency = try row.decode(String.self, column: "currency")
            orders = try row.decode(Int.self, column: "orders")
            netRevenueMinor = try row.decode(Int64.self, column: "net_revenue_minor")
            boughtItems = try row.decode(Int64.self, column: "bought_items")
            returnedItems = try row.decode(Int64.self, column: "returned_items")
            firstPurchaseAt = try row.decode(Date?.self, column: "first_purchase_at") ?? .distantFuture
            lastPurchaseAt = try row.decode(Date?.self, column: "last_purchase_at") ?? .distantPast
            channels = try row.decode([String]?.self, column: "channels") ?? []
            stores = try row.decode([String]?.self, column: "stores") ?? []
        }
    }

    private static let totalsByCurrency = """
        WITH returned AS (
            SELECT order_id, sum(refund_minor) AS refunded_minor, sum(item_count) AS returned_items,
                bool_or(reason = '\(ReturnSubmission.cancelled)') AS cancelled
            FROM returns WHERE tenant_id = $1 AND profile_id = ANY ($2::uuid[])
            GROUP BY order_id
        ), facts AS (
            SELECT o.currency, o.channel, o.store_id, o.occurred_at, o.item_count,
                o.total_minor - coalesce(r.refunded_minor, 0) AS net_minor,
                coalesce(r.returned_items, 0) AS returned_items, coalesce(r.cancelled, false) AS cancelled
            FROM orders o LEFT JOIN returned r USING (order_id)
            WHERE o.tenant_id = $1 AND o.profile_id = ANY ($2::uuid[])
        )
        SELECT currency,
            count(*) FILTER (WHERE NOT cancelled) AS orders,
            coalesce(sum(net_minor), 0) AS net_revenue_minor,
            coalesce(sum(item_count) FILTER (WHERE NOT cancelled), 0) AS bought_items,
            coalesce(sum(returned_items) FILTER (WHERE NOT cancelled), 0) AS returned_items,
            min(occurred_at) FILTER (WHERE NOT cancelled) AS first_purchase_at,
            max(occurred_at) FILTER (WHERE NOT cancelled) AS last_purchase_at,
            array_agg(DISTINCT channel) FILTER (WHERE NOT cancelled) AS channels,
            array_agg(DISTINCT store_id) FILTER (WHERE NOT cancelled AND store_id IS NOT NULL) AS stores
        FROM facts GROUP BY currency
        """
}
