import Foundation

/// A return (or cancellation) as a client sends it to `ReturnBook.record`.
///
/// A cancellation is a return with reason `cancelled` and no lines: it takes back every unit
/// not yet returned and refunds the rest of what was paid for them, so an order cancelled
/// before any return nets out to zero, and a cancelled order no longer counts as a purchase.
/// Choosing a return over a separate kind of fact keeps one netting rule for both.
public struct ReturnSubmission: Sendable {
    /// Encodable so the return's fingerprint covers its lines exactly as sent.
    public struct Line: Sendable, Encodable {
        /// The order line, by id; or nil to find it by `sku`.
        public var lineID: String?
        public var sku: String?
        public var quantity: Int64
        /// Nil refunds the line's share of what was paid for `quantity` units.
        public var refundMinor: Int64?

        public init(lineID: String?, sku: String?, quantity: Int64, refundMinor: Int64?) {
            self.lineID = lineID
            self.sku = sku
            self.quantity = quantity
            self.refundMinor = refundMinor
        }
    }

    public var returnID: String
    public var orderID: String
    public var occurredAt: Date
    public var reason: String
    /// Nil (or empty) returns every unit not yet returned; required to be nil for a cancellation.
    public var lines: [Line]?

    public init(returnID: String, orderID: String, occurredAt: Date, reason: String?, lines: [Line]?) {
        self.returnID = returnID
        self.orderID = orderID
        self.occurredAt = occurredAt
        self.reason = reason ?? Self.defaultReason
        self.lines = lines
    }

    /// The reason that makes a return a cancellation.
    public static let cancelled = "cancelled"
    public static let defaultReason = "returned"

    public var isCancellation: Bool { reason == Self.cancelled }

    func validated() throws(DomainError) -> ReturnSubmission {
        var checked = self
        checked.returnID = try FieldText.required(returnID, field: "/returnId")
        checked.orderID = try FieldText.required(orderID, field: "/orderId")
        checked.reason = try FieldText.required(reason, field: "/reason")
        if lines?.isEmpty == true {
            checked.lines = nil
        }
        if isCancellation, checked.lines != nil {
            throw .invalid(
                field: "/lines", reason: "must be omitted for a cancellation, which takes back the whole order",
                hint: "send a return with another reason to take back some lines")
        }
        guard (checked.lines?.count ?? 0) <= OrderSubmission.maximumLines else {
            throw .invalid(
                field: "/lines", reason: "must hold at most \(OrderSubmission.maximumLines) lines", hint: nil)
        }
        for (index, line) in (checked.lines ?? []).enumerated() {
            guard line.lineID != nil || line.sku != nil else {
                throw .invalid(field: "/lines/\(index)", reason: "must name the order line by lineId or sku", hint: nil)
            }
            guard line.quantity > 0 else {
                throw .invalid(field: "/lines/\(index)/quantity", reason: "must be greater than zero", hint: nil)
            }
            if let refund = line.refundMinor, refund < 0 {
                throw .invalid(field: "/lines/\(index)/refundMinor", reason: "must not be negative", hint: nil)
            }
        }
        return checked
    }
}
