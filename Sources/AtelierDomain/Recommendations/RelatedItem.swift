/// An item suggested with another (or with a cart), and the rule that suggests it.
public struct RelatedItem: Sendable, Equatable {
    public var sku: String
    public var name: String?
    /// Nil for popularity fallbacks, which no rule backs.
    public var support: Double?
    public var confidence: Double?
    public var lift: Double?
}
