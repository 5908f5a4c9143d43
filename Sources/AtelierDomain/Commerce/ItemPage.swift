/// One page of the catalogue in SKU order. `nextAfterSKU` is where the next page starts
/// (exclusive), nil on the last page: keyset pagination stays exact while items are added.
public struct ItemPage: Sendable, Equatable {
    public var items: [Item]
    public var nextAfterSKU: String?

    public init(items: [Item], nextAfterSKU: String?) {
        self.items = items
        self.nextAfterSKU = nextAfterSKU
    }
}
