import AtelierDomain
import Foundation

/// `Order` in the OpenAPI schema: the order as recorded, with the profile it attached to and
/// what each line cost after every discount. The customer's identifiers are not echoed.
struct OrderResponse: Encodable {
    struct Line: Encodable {
        var lineId: String
        var sku: String
        var quantity: Int64
        var unitPriceMinor: Int64
        var discountMinor: Int64
        var netMinor: Int64
    }

    var orderId: String
    var profileId: String
    var channel: String
    var storeId: String?
    var occurredAt: Date
    var currency: String
    var lines: [Line]
    var discountMinor: Int64
    var totalMinor: Int64
    var receivedAt: Date

    init(_ order: Order) {
        orderId = order.orderID
        profileId = order.profileID.uuidString.lowercased()
        channel = order.channel.rawValue
        storeId = order.storeID
        occurredAt = order.occurredAt
        currency = order.currency
        lines = order.lines.map {
            Line(
                lineId: $0.lineID, sku: $0.sku, quantity: $0.quantity, unitPriceMinor: $0.unitPriceMinor,
                discountMinor: $0.discountMinor, netMinor: $0.netMinor)
        }
        discountMinor = order.discountMinor
        totalMinor = order.totalMinor
        receivedAt = order.receivedAt
    }

    /// `storeId` is written as `null` rather than omitted, as the schema declares it.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderId, forKey: .orderId)
        try container.encode(profileId, forKey: .profileId)
        try container.encode(channel, forKey: .channel)
        try container.encode(storeId, forKey: .storeId)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(currency, forKey: .currency)
        try container.encode(lines, forKey: .lines)
        try container.encode(discountMinor, forKey: .discountMinor)
        try container.encode(totalMinor, forKey: .totalMinor)
        try container.encode(receivedAt, forKey: .receivedAt)
    }

    enum CodingKeys: String, CodingKey {
        case orderId, profileId, channel, storeId, occurredAt, currency, lines, discountMinor, totalMinor, receivedAt
    }
}
