/// What one candidate k scored, so that the choice of k can be explained and charted.
public struct ClusterCountScore: Sendable, Hashable, Codable {
    public var clusterCount: Int
    public var inertia: Double
    public var iterations: Int
    /// Mean silhouette (with the silhouette criterion); nil when not computed, or undefined
    /// because the fit found a single distinct cluster.
    public var silhouette: Double?
    /// Scaled distance below the elbow rule's line (with the elbow criterion).
    public var elbowDistance: Double?

    public init(clusterCount: Int, inertia: Double, iterations: Int, silhouette: Double? = nil, elbowDistance: Double? = nil) {
        self.clusterCount = clusterCount
        self.inertia = inertia
        self.iterations = iterations
        self.silhouette = silhouette
        self.elbowDistance = elbowDistance
    }
}
