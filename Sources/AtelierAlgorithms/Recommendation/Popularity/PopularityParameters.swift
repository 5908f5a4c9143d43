/// How `Popularity.fit` ranks items and how much of each ranking it keeps.
public struct PopularityParameters: Sendable, Hashable, Codable {
    /// What makes an item popular.
    public enum Measure: String, Sendable, Hashable, Codable {
        /// How many distinct users interacted with it (positively): one enthusiast or one bot
        /// cannot lift an item. The default.
        case distinctUsers
        /// The sum of its interaction weights (`InteractionWeights`): purchases outweigh views.
        case totalWeight
    }

    public var measure: Measure
    /// The most items kept per ranking (global and each group), which bounds the model at
    /// (groups + 1) × this many entries whatever the catalogue size.
    public var itemsPerRanking: Int

    public init(measure: Measure = .distinctUsers, itemsPerRanking: Int = 500) {
        self.measure = measure
        self.itemsPerRanking = itemsPerRanking
    }

    func validate() throws(RecommendationError) {
        guard itemsPerRanking >= 1 else { throw .invalidParameter(name: "itemsPerRanking", reason: "must be at least 1") }
    }
}
