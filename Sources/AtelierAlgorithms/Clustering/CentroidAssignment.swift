/// Assigning rows to their nearest centroid, the step k-means repeats and `predict` applies.
enum CentroidAssignment {
    /// Labels every row with its nearest centroid.
    static func assign(_ data: FeatureMatrix, to centroids: [Double], clusterCount: Int, labels: inout [Int]) {
        var sums: [Double] = []
        var counts: [Int] = []
        assign(data, to: centroids, clusterCount: clusterCount, labels: &labels, sums: &sums, counts: &counts)
    }

    /// Labels every row with its nearest centroid and, when `sums` and `counts` are sized for
    /// the clusters (not empty), adds each row to its cluster's sum and count.
    ///
    /// Nearest by ‖c‖² − 2x·c, which orders centroids as the squared distance does (‖x‖² is
    /// common to all), the first centroid winning ties, as scikit-learn's Lloyd step.
    static func assign(
        _ data: FeatureMatrix, to centroids: [Double], clusterCount: Int,
        labels: inout [Int], sums: inout [Double], counts: inout [Int]
    ) {
        let columns = data.columnCount
        let accumulate = !counts.isEmpty
        let centroidNorms = SquaredDistance.rowNorms(
            FeatureMatrix(rowCount: clusterCount, columnCount: columns, values: centroids))
        // Centroids transposed (column-major): the dot products of a row with all centroids
        // then advance together, k independent sums the processor overlaps (and vectorises),
        // instead of one serial chain per centroid.
        var transposed = [Double](repeating: 0, count: centroids.count)
        for cluster in 0..<clusterCount {
            for column in 0..<columns { transposed[column * clusterCount + cluster] = centroids[cluster * columns + column] }
        }
        var dots = [Double](repeating: 0, count: clusterCount)
        data.values.withUnsafeBufferPointer { values in
            transposed.withUnsafeBufferPointer { transposed in
                centroidNorms.withUnsafeBufferPointer { norms in
                    dots.withUnsafeMutableBufferPointer { dots in
                        labels.withUnsafeMutableBufferPointer { labels in
                            sums.withUnsafeMutableBufferPointer { sums in
                                counts.withUnsafeMutableBufferPointer { counts in
                                    guard let base = values.baseAddress, let transposedBase = transposed.baseAddress,
                                          let normBase = norms.baseAddress, let dotBase = dots.baseAddress,
                                          let labelBase = labels.baseAddress
                                    else { return }
                                    var row = 0
                                    while row < data.rowCount {
                                        let point = base + row * columns
                                        let label = nearest(
                                            point, transposedBase, normBase, dots: dotBase,
                                            clusterCount: clusterCount, columns: columns)
                                        labelBase[row] = label
                                        if accumulate, let sumBase = sums.baseAddress {
                                            counts[label] += 1
                                            let sum = sumBase + label * columns
                                            var column = 0
                                            while column < columns {
                                                sum[column] += point[column]
                                                column += 1
                                            }
                                        }
                                        row += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The centroid with the smallest ‖c‖² − 2x·c; the first on ties. `transposed` holds the
    /// centroids column-major; `dots` is scratch space for k values.
    @inline(__always)
    private static func nearest(
        _ point: UnsafePointer<Double>, _ transposed: UnsafePointer<Double>, _ norms: UnsafePointer<Double>,
        dots: UnsafeMutablePointer<Double>, clusterCount: Int, columns: Int
    ) -> Int {
        dots.update(repeating: 0, count: clusterCount)
        var column = 0
        var centroidColumn = transposed
        while column < columns {
            let value = point[column]
            var cluster = 0
            while cluster < clusterCount {
                dots[cluster] += value * centroidColumn[cluster]
                cluster += 1
            }
            column += 1
            centroidColumn += clusterCount
        }
        var label = 0
        var nearest = norms[0] - 2 * dots[0]
        var cluster = 1
        while cluster < clusterCount {
            let distance = norms[cluster] - 2 * dots[cluster]
            if distance < nearest {
                nearest = distance
                label = cluster
            }
            cluster += 1
        }
        return label
    }

    /// Squared distance of every row to the centroid of its label.
    static func squaredDistancesToAssigned(_ data: FeatureMatrix, centroids: [Double], labels: [Int]) -> [Double] {
        let columns = data.columnCount
        return data.values.withUnsafeBufferPointer { values in
            centroids.withUnsafeBufferPointer { centroids in
                guard let base = values.baseAddress, let centroidBase = centroids.baseAddress else { return [] }
                return (0..<data.rowCount).map { row in
                    SquaredDistance.between(base + row * columns, centroidBase + labels[row] * columns, count: columns)
                }
            }
        }
    }

    /// Sum of squared distances of the rows to their centroids.
    static func inertia(_ data: FeatureMatrix, centroids: [Double], labels: [Int]) -> Double {
        squaredDistancesToAssigned(data, centroids: centroids, labels: labels).reduce(0, +)
    }
}
