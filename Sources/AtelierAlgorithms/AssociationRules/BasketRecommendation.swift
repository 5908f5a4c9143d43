/// One item suggested for a basket ("bought together"), with the rule that suggests it best, so
/// that the API can show support, confidence and lift beside the item.
public struct BasketRecommendation<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    /// The suggested item, never one already in the basket.
    public let item: Item
    /// The strongest applicable rule whose consequent holds `item`.
    public let rule: AssociationRule<Item>

    /// The rule's confidence, by which recommendations are ranked first.
    public var confidence: Double { rule.confidence }
    /// The rule's lift, which breaks ties in confidence.
    public var lift: Double { rule.lift }
}
