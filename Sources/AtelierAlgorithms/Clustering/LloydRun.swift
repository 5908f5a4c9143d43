/// One run of Lloyd's algorithm from given centroids, scikit-learn's `_kmeans_single_lloyd`
/// with unit sample weights, on centred data.
///
/// Each iteration assigns every row to its nearest centroid and moves each centroid to the
/// mean of its rows. A run stops when no assignment changes ("strict" convergence) or when
/// the centroids' total squared shift is at most `tolerance`; in the second case (and when
/// the iterations run out) the rows are assigned once more, so that labels and centroids agree.
struct LloydRun: Sendable {
    /// Flat, clusterCount × columns, in the centred coordinates of the data.
    let centroids: [Double]
    let labels: [Int]
    let inertia: Double
    let iterations: Int

    init(data: FeatureMatrix, centroids start: [Double], clusterCount: Int, maximumIterations: Int, tolerance: Double) {
        let columns = data.columnCount
        var centroids = start
        var labels = [Int](repeating: -1, count: data.rowCount)
        var previousLabels = labels
        var sums = [Double](repeating: 0, count: clusterCount * columns)
        var counts = [Int](repeating: 0, count: clusterCount)
        var strictlyConverged = false
        var iterations = 0
        for iteration in 0..<maximumIterations {
            iterations = iteration + 1
            CentroidAssignment.assign(
                data, to: centroids, clusterCount: clusterCount, labels: &labels, sums: &sums, counts: &counts)
            Self.relocateEmptyClusters(data, centroids: centroids, labels: labels, sums: &sums, counts: &counts)
            let moved = Self.averages(sums: sums, counts: counts, columns: columns)
            let shift = Self.totalSquaredShift(from: centroids, to: moved, clusterCount: clusterCount, columns: columns)
            centroids = moved
            for index in sums.indices { sums[index] = 0 }
            for index in counts.indices { counts[index] = 0 }
            if labels == previousLabels {
                strictlyConverged = true
                break
            }
            if shift <= tolerance { break }
            previousLabels = labels
        }
        if !strictlyConverged {
            CentroidAssignment.assign(data, to: centroids, clusterCount: clusterCount, labels: &labels)
        }
        self.centroids = centroids
        self.labels = labels
        self.iterations = iterations
        inertia = CentroidAssignment.inertia(data, centroids: centroids, labels: labels)
    }

    /// scikit-learn's `_relocate_empty_clusters_dense`: each empty cluster takes the row
    /// farthest from its (previous) centroid, farthest first, which leaves the cluster it
    /// came from. Labels are left as they are; the next assignment settles them. Nothing moves
    /// when every row sits on its centroid (more clusters than distinct rows).
    private static func relocateEmptyClusters(
        _ data: FeatureMatrix, centroids: [Double], labels: [Int], sums: inout [Double], counts: inout [Int]
    ) {
        let empty = counts.indices.filter { counts[$0] == 0 }
        guard !empty.isEmpty else { return }
        let columns = data.columnCount
        let distances = CentroidAssignment.squaredDistancesToAssigned(data, centroids: centroids, labels: labels)
        guard let largest = distances.max(), largest > 0 else { return }
        let farthest = distances.indices
            .sorted { distances[$0] != distances[$1] ? distances[$0] > distances[$1] : $0 < $1 }
            .prefix(empty.count)
        for (cluster, row) in zip(empty, farthest) {
            let previous = labels[row]
            for column in 0..<columns {
                let value = data.values[row * columns + column]
                sums[previous * columns + column] -= value
                sums[cluster * columns + column] = value
            }
            counts[cluster] = 1
            counts[previous] -= 1
        }
    }

    /// Each cluster's mean (sum × 1/count, as scikit-learn rounds it); a cluster still empty
    /// takes the centroid of the largest cluster.
    private static func averages(sums: [Double], counts: [Int], columns: Int) -> [Double] {
        var centroids = sums
        for cluster in counts.indices where counts[cluster] > 0 {
            let reciprocal = 1.0 / Double(counts[cluster])
            for column in 0..<columns { centroids[cluster * columns + column] *= reciprocal }
        }
        if let largest = counts.indices.max(by: { counts[$0] < counts[$1] }) {
            for cluster in counts.indices where counts[cluster] == 0 {
                for column in 0..<columns {
                    centroids[cluster * columns + column] = centroids[largest * columns + column]
                }
            }
        }
        return centroids
    }

    /// Σ over clusters of the squared Euclidean shift (each shift's root squared again, as
    /// scikit-learn sums `center_shift ** 2`).
    private static func totalSquaredShift(from old: [Double], to new: [Double], clusterCount: Int, columns: Int) -> Double {
        old.withUnsafeBufferPointer { old in
            new.withUnsafeBufferPointer { new in
                guard let oldBase = old.baseAddress, let newBase = new.baseAddress else { return 0 }
                return (0..<clusterCount).reduce(0.0) { total, cluster in
                    let shift = SquaredDistance.between(newBase + cluster * columns, oldBase + cluster * columns, count: columns)
                        .squareRoot()
                    return total + shift * shift
                }
            }
        }
    }
}
