/// Mean silhouette coefficient of a labelling, as scikit-learn's `silhouette_score` (Euclidean):
/// for each row, a = mean distance to the other rows of its cluster, b = the smallest mean
/// distance to the rows of another cluster, s = (b − a) / max(a, b), and s = 0 for a row alone
/// in its cluster. Near 1: tight, well separated clusters; near 0: overlapping ones.
///
/// Exact over all pairs of rows: O(n²) time, so use the sampled form beyond some ten thousand rows.
public func silhouetteScore(_ rows: [[Double]], labels: [Int]) throws(ClusteringError) -> Double {
    try SilhouetteScore.exact(FeatureMatrix(rows), labels: labels)
}

/// The silhouette of a seeded random sample of `sampleSize` rows (all rows when fewer), as
/// scikit-learn's `silhouette_score(…, sample_size=sampleSize, random_state=seed)`: the same
/// seed samples the same rows.
public func silhouetteScore(_ rows: [[Double]], labels: [Int], sampleSize: Int, seed: UInt32) throws(ClusteringError) -> Double {
    try SilhouetteScore.sampled(FeatureMatrix(rows), labels: labels, sampleSize: sampleSize, seed: seed)
}

enum SilhouetteScore {
    static func sampled(_ data: FeatureMatrix, labels: [Int], sampleSize: Int, seed: UInt32) throws(ClusteringError) -> Double {
        guard sampleSize >= 1 else { throw .invalidParameter("sampleSize must be at least 1") }
        guard labels.count == data.rowCount else { throw .labelCountMismatch(rows: data.rowCount, labels: labels.count) }
        var generator = MersenneTwister(seed: seed)
        let sample = Array(generator.permutation(data.rowCount).prefix(sampleSize))
        return try exact(data.selecting(sample), labels: sample.map { labels[$0] })
    }

    static func exact(_ data: FeatureMatrix, labels: [Int]) throws(ClusteringError) -> Double {
        guard labels.count == data.rowCount else { throw .labelCountMismatch(rows: data.rowCount, labels: labels.count) }
        // Labels become 0..<m in sorted order, as scikit-learn's LabelEncoder.
        let distinct = Array(Set(labels)).sorted()
        guard distinct.count > 1, distinct.count < data.rowCount else {
            throw .silhouetteUndefined(distinctLabels: distinct.count, rows: data.rowCount)
        }
        let code = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        let encoded = labels.map { code[$0] ?? 0 }
        let clusters = distinct.count
        var sizes = [Int](repeating: 0, count: clusters)
        for label in encoded { sizes[label] += 1 }
        let sums = distanceSums(data, labels: encoded, clusters: clusters)
        var total = 0.0
        for row in 0..<data.rowCount {
            let own = encoded[row]
            guard sizes[own] > 1 else { continue }
            let within = sums[row * clusters + own] / Double(sizes[own] - 1)
            var nearest = Double.infinity
            for cluster in 0..<clusters where cluster != own {
                nearest = min(nearest, sums[row * clusters + cluster] / Double(sizes[cluster]))
            }
            let spread = max(within, nearest)
            if spread > 0 { total += (nearest - within) / spread }
        }
        return total / Double(data.rowCount)
    }

    /// sums[row × clusters + c] = Σ distance from `row` to the rows of cluster c. Each pair is
    /// measured once; every row still receives its distances in ascending order of the other
    /// row, the order in which scikit-learn adds them.
    private static func distanceSums(_ data: FeatureMatrix, labels: [Int], clusters: Int) -> [Double] {
        let columns = data.columnCount
        var sums = [Double](repeating: 0, count: data.rowCount * clusters)
        data.values.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { labels in
                sums.withUnsafeMutableBufferPointer { sums in
                    guard let base = values.baseAddress, let labelBase = labels.baseAddress,
                          let sumBase = sums.baseAddress
                    else { return }
                    var first = 0
                    while first < data.rowCount {
                        let point = base + first * columns
                        let firstSums = sumBase + first * clusters
                        let firstLabel = labelBase[first]
                        var second = first + 1
                        while second < data.rowCount {
                            let distance = SquaredDistance.between(point, base + second * columns, count: columns).squareRoot()
                            firstSums[labelBase[second]] += distance
                            sumBase[second * clusters + firstLabel] += distance
                            second += 1
                        }
                        first += 1
                    }
                }
            }
        }
        return sums
    }
}
