/// A slice of the data a popularity ranking is kept for: `dimension` names what the slice is by
/// ("category", "store", "region", "brand", …) and `value` which one ("shoes", "paris-rivoli").
/// Item attributes (category) and interaction attributes (store, region) are both groups; the
/// caller attaches them to each interaction (`GroupedInteraction`).
public struct PopularityGroup: Sendable, Hashable, Codable, Comparable {
    public var dimension: String
    public var value: String

    public init(_ dimension: String, _ value: String) {
        self.dimension = dimension
        self.value = value
    }

    public static func category(_ value: String) -> PopularityGroup { PopularityGroup("category", value) }
    public static func store(_ value: String) -> PopularityGroup { PopularityGroup("store", value) }
    public static func region(_ value: String) -> PopularityGroup { PopularityGroup("region", value) }

    public static func < (left: PopularityGroup, right: PopularityGroup) -> Bool {
        (left.dimension, left.value) < (right.dimension, right.value)
    }
}

/// An interaction with the groups it counts in besides the global ranking (its item's category,
/// the store or region where it happened, …).
public struct GroupedInteraction<User: Hashable & Sendable, Item: Hashable & Sendable>: Sendable, Hashable {
    public var interaction: Interaction<User, Item>
    public var groups: [PopularityGroup]

    public init(_ interaction: Interaction<User, Item>, groups: [PopularityGroup]) {
        self.interaction = interaction
        self.groups = groups
    }
}
