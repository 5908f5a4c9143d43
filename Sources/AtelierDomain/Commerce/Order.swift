import Foundation

/// An order as recorded: an immutable fact, attached to the profile its customer's
/// identifiers resolved to when it arrived. Returns and cancellations never change it; they
/// are facts of their own (`Return`) that the purchase summary nets against it.
public struct Order: Sendable, Equatable {
    public var orderID: String
    public var profileID: UUID
    public var channel: SalesChannel
    public var storeID: String?
    public var occurredAt: Date
    /// ISO 4217; every amount of the order is in its minor unit.
    public var currency: String
    public var lines: [OrderLine]
    /// The order-level discount, on top of the lines' own.
    public var discountMinor: Int64
    /// What the customer paid: the sum of the lines' `netMinor`.
    public var totalMinor: Int64
    public var receivedAt: Date

    public init(
        orderID: String, profileID: UUID, channel: SalesChannel, storeID: String?, occurredAt: Date, currency: String,
        lines: [OrderLine], discountMinor: Int64, totalMinor: Int64, receivedAt: Date
    ) {
        self.orderID = orderID
        self.profileID = profileID
        self.channel = channel
        self.storeID = storeID
        self.occurredAt = occurredAt
        self.currency = currency
        self.lines = lines
        self.discountMinor = discountMinor
        self.totalMinor = totalMinor
        self.receivedAt = receivedAt
    }
}
