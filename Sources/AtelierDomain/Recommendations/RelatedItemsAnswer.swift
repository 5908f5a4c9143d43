/// A served list: the items, how they were chosen and by which model version.
public struct RelatedItemsAnswer: Sendable, Equatable {
    public var items: [RelatedItem]
    public var strategy: RecommendationStrategy
    /// The serving association-rules version that answered, nil when none serves.
    public var modelVersion: Int?
}
