/// A served list: the items, how they were chosen and by which model version.
public struct RelatedItemsAnswer: Sendable, Equatable {
    public var items: [RelatedItem]
    public var strategy: RecommendationStrategy
    /// The serving association-rules version that answered, nil when none serves.
    public var modelVersion: Int?
    /// The serving recommender version whose item-kNN neighbours completed a cart's answer.
    public var recommenderVersion: Int? = nil
}
