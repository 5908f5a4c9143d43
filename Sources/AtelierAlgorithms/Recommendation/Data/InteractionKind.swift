/// What a user did with an item (an event name from ingestion: Segment's "Product Viewed" maps to
/// `view`, an order line to `purchase`, …). Open-ended: a tenant may weigh its own kinds.
public struct InteractionKind: RawRepresentable, Hashable, Sendable, Codable, CodingKeyRepresentable,
    ExpressibleByStringLiteral, Comparable
{
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        rawValue = value
    }

    public static let view: InteractionKind = "view"
    public static let addToCart: InteractionKind = "add_to_cart"
    public static let purchase: InteractionKind = "purchase"

    public static func < (left: InteractionKind, right: InteractionKind) -> Bool {
        left.rawValue < right.rawValue
    }
}
