/// How a k-means run chooses its starting centroids.
public enum KMeansInitialization: Sendable, Hashable, Codable {
    /// Greedy k-means++ as scikit-learn does it: the first centroid uniformly at random, each
    /// next one the best (lowest potential) of 2 + ⌊ln k⌋ candidates drawn with probability
    /// proportional to the squared distance to the nearest centroid so far.
    case kMeansPlusPlus
    /// These starting centroids (k rows, as wide as the data), one run: restarts from a fixed
    /// start would repeat the same run. Used to compare runs exactly with another implementation.
    case centroids([[Double]])
}
