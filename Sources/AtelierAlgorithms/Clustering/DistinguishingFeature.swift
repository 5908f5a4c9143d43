/// A feature on which a cluster stands out from the population.
public struct DistinguishingFeature: Sendable, Hashable, Codable {
    /// Column of the feature in the training rows.
    public var column: Int
    public var name: String
    /// The cluster's centroid on this feature minus the population mean, in population
    /// standard deviations (positive: above the mean).
    public var deviation: Double
    /// The centroid on this feature, in original units.
    public var value: Double
    /// The population mean, in original units.
    public var populationMean: Double
    /// The feature's high or low word, as it appears in the label.
    public var word: String

    public init(column: Int, name: String, deviation: Double, value: Double, populationMean: Double, word: String) {
        self.column = column
        self.name = name
        self.deviation = deviation
        self.value = value
        self.populationMean = populationMean
        self.word = word
    }
}
