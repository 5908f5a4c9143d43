import Foundation

/// The SQL of a `purchase` condition: the orders (or order lines, with an item filter) of the
/// person's profiles, net of returns, aggregated into one boolean. The aggregate query always returns one
/// row, so a person without matching orders is measured as 0 orders, 0 units, 0 revenue and no
/// dates, without a special case.
struct PurchaseFactsSQL {
    let condition: PurchaseCondition
    let now: Date

    /// What an order's returns took back (`r`): units, refunds, and whether one cancelled it.
    static let returnsOfOrder = """
        LEFT JOIN LATERAL (
            SELECT sum(x.item_count) AS units, sum(x.refund_minor) AS refunded,
                bool_or(x.reason = '\(ReturnSubmission.cancelled)') AS cancelled
            FROM returns x WHERE x.tenant_id = o.tenant_id AND x.profile_id = o.profile_id AND x.order_id = o.order_id
        ) r ON true
        """
    /// An order counts when it is not cancelled and keeps at least one unit.
    static let orderCounts = "(NOT coalesce(r.cancelled, false) AND o.item_count > coalesce(r.units, 0))"

    /// Order lines (`l`) with their order (`o`), what returns took back from the line (`rl`),
    /// and whether the order was cancelled (`r`).
    private static let lineJoins = """
        JOIN orders o ON o.tenant_id = l.tenant_id AND o.profile_id = l.profile_id AND o.order_id = l.order_id
        LEFT JOIN LATERAL (
            SELECT sum(x.quantity) AS units, sum(x.refund_minor) AS refunded FROM return_lines x
            WHERE x.tenant_id = l.tenant_id AND x.profile_id = l.profile_id AND x.order_id = l.order_id
              AND x.line_id = l.line_id
        ) rl ON true
        LEFT JOIN LATERAL (
            SELECT bool_or(x.reason = '\(ReturnSubmission.cancelled)') AS cancelled FROM returns x
            WHERE x.tenant_id = o.tenant_id AND x.profile_id = o.profile_id AND x.order_id = o.order_id
        ) r ON true
        """
    private static let lineCounts = "(NOT coalesce(r.cancelled, false) AND l.quantity > coalesce(rl.units, 0))"

    func predicate(_ parameters: inout SQLParameters) -> String {
        let lines = condition.readsLines
        var joins = lines ? "FROM order_lines l " + Self.lineJoins : "FROM orders o " + Self.returnsOfOrder
        let source = lines ? "l" : "o"
        var filters = ["\(source).tenant_id = $1", "\(source).profile_id = ANY(\(SegmentCompiler.members))"]
        if let categories = condition.categories {
            joins += "\nJOIN items i ON i.tenant_id = l.tenant_id AND i.sku = l.sku"
            filters.append("i.category_path && \(parameters.bind(categories, as: .textArray))")
        }
        if let skus = condition.skus { filters.append("l.sku = ANY(\(parameters.bind(skus, as: .textArray)))") }
        filters += Self.orderFilters(condition, now: now, &parameters)

        let counts = lines ? Self.lineCounts : Self.orderCounts
        let notCancelled = "NOT coalesce(r.cancelled, false)"
        let measures = Measures(
            orders: lines ? "count(DISTINCT o.order_id) FILTER (WHERE \(counts))" : "count(*) FILTER (WHERE \(counts))",
            units: lines
                ? "coalesce(sum(l.quantity - coalesce(rl.units, 0)) FILTER (WHERE \(notCancelled)), 0)"
                : "coalesce(sum(o.item_count - coalesce(r.units, 0)) FILTER (WHERE \(notCancelled)), 0)",
            revenue: lines
                ? "coalesce(sum(l.net_minor - coalesce(rl.refunded, 0)), 0)"
                : "coalesce(sum(o.total_minor - coalesce(r.refunded, 0)), 0)",
            last: "max(o.occurred_at) FILTER (WHERE \(counts))", first: "min(o.occurred_at) FILTER (WHERE \(counts))")
        let test = tests(measures, &parameters).joined(separator: " AND ")
        return "coalesce((SELECT \(test) \(joins)\nWHERE \(filters.joined(separator: " AND "))), false)"
    }

    /// Channel, store, currency and time filters on the order `o`.
    static func orderFilters(_ condition: PurchaseCondition, now: Date, _ parameters: inout SQLParameters) -> [String] {
        var filters: [String] = []
        if let channels = condition.channels {
            let names = Array(Set(channels.flatMap(\.salesChannels).map(\.rawValue))).sorted()
            filters.append("o.channel = ANY(\(parameters.bind(names, as: .textArray)))")
        }
        if let stores = condition.stores { filters.append("o.store_id = ANY(\(parameters.bind(stores, as: .textArray)))") }
        if let currency = condition.currency { filters.append("o.currency = \(parameters.bind(currency, as: .text))") }
        return filters + SegmentCompiler.window(condition.window, column: "o.occurred_at", now: now, &parameters)
    }

    private struct Measures {
        var orders, units, revenue, last, first: String
    }

    private func tests(_ measures: Measures, _ parameters: inout SQLParameters) -> [String] {
        var tests: [String] = []
        if let count = condition.effectiveCount { tests.append(SegmentCompiler.compare(measures.orders, count, &parameters)) }
        if let units = condition.units { tests.append(SegmentCompiler.compare(measures.units, units, &parameters)) }
        if let revenue = condition.netRevenue { tests.append(SegmentCompiler.compare(measures.revenue, revenue, &parameters)) }
        for (column, window) in [(measures.last, condition.lastPurchase), (measures.first, condition.firstPurchase)] {
            guard let window else { continue }
            // No counted order: the date is NULL and so is the test, which coalesce makes false.
            tests.append("(" + SegmentCompiler.window(window, column: column, now: now, &parameters).joined(separator: " AND ") + ")")
        }
        return tests
    }
}
