import AtelierDomain
import AtelierREST
import Foundation

/// Body of `POST /v1/returns`: a return of some lines, or (reason `cancelled`, no lines) a
/// cancellation of the whole order.
struct ReturnRequest: Decodable, StrictDecodable {
    struct Line: Decodable {
        var lineId: String?
        var sku: String?
        var quantity: StrictInteger
        var refundMinor: StrictInteger?
    }

    var returnId: String
    var orderId: String
    var occurredAt: Date
    var reason: String?
    var lines: [Line]?

    static let allowedFields: Set<String> = ["returnId", "orderId", "occurredAt", "reason", "lines"]

    var submission: ReturnSubmission {
        ReturnSubmission(
            returnID: returnId, orderID: orderId, occurredAt: occurredAt, reason: reason,
            lines: lines?.map {
                ReturnSubmission.Line(
                    lineID: $0.lineId, sku: $0.sku, quantity: $0.quantity.value, refundMinor: $0.refundMinor?.value)
            })
    }
}
