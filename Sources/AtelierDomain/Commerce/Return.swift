import Foundation

/// A return or cancellation as recorded: a fact of its own that nets against its order
/// (which never changes). It belongs to the order's profile.
public struct Return: Sendable, Equatable {
    public var returnID: String
    public var orderID: String
    public var profileID: UUID
    public var occurredAt: Date
    /// Free text from the client; `cancelled` marks a cancellation.
    public var reason: String
    public var lines: [ReturnLine]
    /// In the order's currency.
    public var currency: String
    public var refundMinor: Int64
    public var receivedAt: Date

    public init(
        returnID: String, orderID: String, profileID: UUID, occurredAt: Date, reason: String, lines: [ReturnLine],
        currency: String, refundMinor: Int64, receivedAt: Date
    ) {
        self.returnID = returnID
        self.orderID = orderID
        self.profileID = profileID
        self.occurredAt = occurredAt
        self.reason = reason
        self.lines = lines
        self.currency = currency
        self.refundMinor = refundMinor
        self.receivedAt = receivedAt
    }
}
