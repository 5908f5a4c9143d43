/// What a bulk import loads, one JSON object per line.
public enum ImportKind: String, CaseIterable, Sendable {
    /// Segment calls, each with its `type` (as in `/v1/batch`).
    case events
    /// Identify calls without the `type`: identifiers and traits of a customer.
    case profiles
    /// Orders as `POST /v1/orders` takes them.
    case orders
    /// Catalogue items: `sku` plus what `PUT /v1/items/{sku}` takes.
    case items
}
