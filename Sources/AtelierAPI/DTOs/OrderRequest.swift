import AtelierDomain
import AtelierREST
import Foundation

/// Body of `POST /v1/orders`. Strict, so a misspelt member (`discount` for `discountMinor`)
/// is refused instead of silently recording a different order.
struct OrderRequest: Decodable, StrictDecodable {
    struct Line: Decodable {
        var lineId: String?
        var sku: String
        var quantity: StrictInteger
        var unitPriceMinor: StrictInteger
        var discountMinor: StrictInteger?
    }

    var orderId: String
    var channel: String
    var storeId: String?
    var occurredAt: Date
    var currency: String
    var lines: [Line]
    var discountMinor: StrictInteger?
    var customer: CustomerRequest

    static let allowedFields: Set<String> = [
        "orderId", "channel", "storeId", "occurredAt", "currency", "lines", "discountMinor", "customer",
    ]

    func submission() throws(DomainError) -> OrderSubmission {
        OrderSubmission(
            orderID: orderId, channel: try SalesChannel.parse(channel, field: "/channel"), storeID: storeId,
            occurredAt: occurredAt, currency: currency,
            lines: lines.map {
                OrderSubmission.Line(
                    lineID: $0.lineId, sku: $0.sku, quantity: $0.quantity.value,
                    unitPriceMinor: $0.unitPriceMinor.value, discountMinor: $0.discountMinor?.value ?? 0)
            },
            discountMinor: discountMinor?.value ?? 0, customer: customer.identifiers)
    }
}
