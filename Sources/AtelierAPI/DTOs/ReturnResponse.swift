import AtelierDomain
import Foundation

/// `Return` in the OpenAPI schema: the lines taken back and what was refunded for each.
struct ReturnResponse: Encodable {
    struct Line: Encodable {
        var lineId: String
        var sku: String
        var quantity: Int64
        var refundMinor: Int64
    }

    var returnId: String
    var orderId: String
    var profileId: String
    var occurredAt: Date
    var reason: String
    var lines: [Line]
    var currency: String
    var refundMinor: Int64
    var receivedAt: Date

    init(_ recorded: Return) {
        returnId = recorded.returnID
        orderId = recorded.orderID
        profileId = recorded.profileID.uuidString.lowercased()
        occurredAt = recorded.occurredAt
        reason = recorded.reason
        lines = recorded.lines.map {
            Line(lineId: $0.lineID, sku: $0.sku, quantity: $0.quantity, refundMinor: $0.refundMinor)
        }
        currency = recorded.currency
        refundMinor = recorded.refundMinor
        receivedAt = recorded.receivedAt
    }
}
