import AtelierPostgres

/// Reads an `order_lines` row; shared by orders and returns, which both select lines.
enum OrderLineRow {
    static let columns = "line_id, sku, quantity, unit_price_minor, discount_minor, net_minor"

    static func line(from row: PostgresRow) throws -> OrderLine {
        OrderLine(
            lineID: try row.decode(String.self, column: "line_id"), sku: try row.decode(String.self, column: "sku"),
            quantity: try row.decode(Int64.self, column: "quantity"),
            unitPriceMinor: try row.decode(Int64.self, column: "unit_price_minor"),
            discountMinor: try row.decode(Int64.self, column: "discount_minor"),
            netMinor: try row.decode(Int64.self, column: "net_minor"))
    }
}
