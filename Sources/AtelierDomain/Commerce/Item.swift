import Foundation

/// A product of the tenant's catalogue. Catalogue data, not personal data: keyed by tenant
/// and SKU alone, and updated in place, because a catalogue is current state, not a history.
public struct Item: Sendable, Equatable {
    public var sku: String
    public var details: ItemDetails
    public var createdAt: Date
    public var updatedAt: Date

    public init(sku: String, details: ItemDetails, createdAt: Date, updatedAt: Date) {
        self.sku = sku
        self.details = details
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
