/// The k that `ClusterCountSelection` chose, every candidate's scores, and the model fitted with it.
public struct ClusterCountChoice: Sendable, Hashable, Codable {
    public var clusterCount: Int
    public var criterion: ClusterCountCriterion
    /// One per candidate, in ascending k.
    public var scores: [ClusterCountScore]
    public var model: KMeansModel

    public init(clusterCount: Int, criterion: ClusterCountCriterion, scores: [ClusterCountScore], model: KMeansModel) {
        self.clusterCount = clusterCount
        self.criterion = criterion
        self.scores = scores
        self.model = model
    }
}
