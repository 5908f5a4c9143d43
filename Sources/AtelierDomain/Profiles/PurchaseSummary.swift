import Foundation

/// What a customer bought, across every profile merged into one view: the commerce side of
/// the single customer view. Amounts are integer minor units in `currency`: the customer's
/// main currency when they bought in several (see `PurchaseSummaryService`), nil when they
/// never bought.
public struct PurchaseSummary: Sendable, Codable, Equatable {
    public var orders: Int
    public var netRevenueMinor: Int64
    public var currency: String?
    public var items: Int
    public var averageBasketMinor: Int64?
    public var lastPurchaseAt: Date?
    public var firstPurchaseAt: Date?
    /// Returned quantity over purchased quantity, 0 when nothing was bought.
    public var returnsRate: Double
    /// Days since the last purchase (the R of RFM).
    public var recencyDays: Int?
    /// Number of orders (the F of RFM).
    public var frequency: Int
    /// Net revenue (the M of RFM).
    public var monetaryMinor: Int64
    public var channels: [String]
    public var stores: [String]

    public init(
        orders: Int, netRevenueMinor: Int64, currency: String?, items: Int, averageBasketMinor: Int64?,
        lastPurchaseAt: Date?, firstPurchaseAt: Date?, returnsRate: Double, recencyDays: Int?, frequency: Int,
        monetaryMinor: Int64, channels: [String], stores: [String]
    ) {
        self.orders = orders
        self.netRevenueMinor = netRevenueMinor
        self.currency = currency
        self.items = items
        self.averageBasketMinor = averageBasketMinor
        self.lastPurchaseAt = lastPurchaseAt
        self.firstPurchaseAt = firstPurchaseAt
        self.returnsRate = returnsRate
        self.recencyDays = recencyDays
        self.frequency = frequency
        self.monetaryMinor = monetaryMinor
        self.channels = channels
        self.stores = stores
    }

    /// A customer who never bought.
    public static let empty = PurchaseSummary(
        orders: 0, netRevenueMinor: 0, currency: nil, items: 0, averageBasketMinor: nil, lastPurchaseAt: nil,
        firstPurchaseAt: nil, returnsRate: 0, recencyDays: nil, frequency: 0, monetaryMinor: 0, channels: [],
        stores: [])
}

/// Computes a purchase summary for the profiles of one merged set. The profile view depends
/// on this protocol rather than on the commerce tables, so identity and commerce evolve apart.
public protocol PurchaseSummaryProviding: Sendable {
    /// - Parameter profileIDs: every original profile merged into the viewed one (itself included).
    func summary(tenantID: UUID, profileIDs: [UUID], purpose: ReadPurpose) async throws -> PurchaseSummary
}
