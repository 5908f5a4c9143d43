/// A fitted k-means model. Codable so that it can be stored as a model artifact with the
/// scaler its features went through.
///
/// `labels` are per training row, in the order of the rows given to `fit`: they hold one
/// value per customer, so a stored copy must be erased with the customer (or left out).
public struct KMeansModel: Sendable, Hashable, Codable {
    /// One centroid per cluster, in the units of the training rows.
    public var centroids: [[Double]]
    /// Sum of squared distances of the training rows to their centroids.
    public var inertia: Double
    /// Lloyd iterations of the kept run.
    public var iterations: Int
    /// The cluster of each training row.
    public var labels: [Int]
    /// Training rows per cluster (kept apart from `labels`, which a stored copy may drop).
    public var clusterSizes: [Int]

    public init(centroids: [[Double]], inertia: Double, iterations: Int, labels: [Int]) {
        self.centroids = centroids
        self.inertia = inertia
        self.iterations = iterations
        self.labels = labels
        var sizes = [Int](repeating: 0, count: centroids.count)
        for label in labels where sizes.indices.contains(label) { sizes[label] += 1 }
        clusterSizes = sizes
    }

    /// The nearest centroid of each row (rows in the training units, as wide as the centroids).
    public func predict(_ rows: [[Double]]) throws(ClusteringError) -> [Int] {
        let data = try FeatureMatrix(rows, expectedColumns: centroids.first?.count)
        let flat = try FeatureMatrix(centroids, expectedColumns: data.columnCount)
        var labels = [Int](repeating: 0, count: data.rowCount)
        CentroidAssignment.assign(data, to: flat.values, clusterCount: centroids.count, labels: &labels)
        return labels
    }

    public func predict(_ row: [Double]) throws(ClusteringError) -> Int {
        try predict([row])[0]
    }
}
