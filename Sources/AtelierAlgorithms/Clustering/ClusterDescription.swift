/// One cluster as people read it: how many customers, where its centre lies in the units the
/// features were measured in, what sets it apart, and a short label.
public struct ClusterDescription: Sendable, Hashable, Codable {
    public var cluster: Int
    /// Training rows in the cluster.
    public var size: Int
    /// `size` over all training rows.
    public var share: Double
    /// The centroid in original units, one value per feature.
    public var centroid: [Double]
    /// The centroid in population standard deviations from the population mean, per feature.
    public var deviations: [Double]
    /// The features that set the cluster apart most, largest |deviation| first.
    public var distinguishingFeatures: [DistinguishingFeature]
    /// The distinguishing features' words joined ("very high monetary, recent, low return rate"),
    /// or "typical" when none stands out; made unique across the clusters of one model.
    public var label: String

    public init(
        cluster: Int, size: Int, share: Double, centroid: [Double], deviations: [Double],
        distinguishingFeatures: [DistinguishingFeature], label: String
    ) {
        self.cluster = cluster
        self.size = size
        self.share = share
        self.centroid = centroid
        self.deviations = deviations
        self.distinguishingFeatures = distinguishingFeatures
        self.label = label
    }
}
