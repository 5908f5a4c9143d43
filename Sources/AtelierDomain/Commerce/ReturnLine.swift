/// One order line taken back by a return, with what was refunded for it.
public struct ReturnLine: Sendable, Equatable {
    public var lineID: String
    public var sku: String
    public var quantity: Int64
    public var refundMinor: Int64

    public init(lineID: String, sku: String, quantity: Int64, refundMinor: Int64) {
        self.lineID = lineID
        self.sku = sku
        self.quantity = quantity
        self.refundMinor = refundMinor
    }
}
