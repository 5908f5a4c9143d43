/// One line of a recorded order. `netMinor` is what the customer paid for the line after
/// its own discount and its share of the order's discount: the ceiling of what returns of
/// the line may refund, so a full return nets the order out exactly.
public struct OrderLine: Sendable, Equatable {
    public var lineID: String
    public var sku: String
    public var quantity: Int64
    public var unitPriceMinor: Int64
    public var discountMinor: Int64
    public var netMinor: Int64

    public init(
        lineID: String, sku: String, quantity: Int64, unitPriceMinor: Int64, discountMinor: Int64, netMinor: Int64
    ) {
        self.lineID = lineID
        self.sku = sku
        self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor
        self.discountMinor = discountMinor
        self.netMinor = netMinor
    }
}
