/// What `ItemKNN.fit` computes: how many neighbours each item keeps and how the interaction
/// matrix is weighted first. Kept apart from the fitted value, and stored in it.
public struct ItemKNNParameters: Sendable, Hashable, Codable {
    /// How many of its most similar items each item keeps (implicit's `K`, default 20). As in
    /// implicit, the item itself is a candidate (with cosine weighting it is always its own
    /// nearest neighbour), so K − 1 others are kept beside it. Larger K recommends from more
    /// evidence at the cost of K entries per item in the model.
    public var neighbours: Int
    public var weighting: NeighbourWeighting

    public init(neighbours: Int = 20, weighting: NeighbourWeighting = .cosine) {
        self.neighbours = neighbours
        self.weighting = weighting
    }

    func validate() throws(RecommendationError) {
        guard neighbours >= 1 else { throw .invalidParameter(name: "neighbours", reason: "must be at least 1") }
        try weighting.validate()
    }
}
