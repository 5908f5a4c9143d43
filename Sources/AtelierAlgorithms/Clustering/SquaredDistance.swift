/// Distance arithmetic shared by k-means and the silhouette, on rows of flat buffers.
enum SquaredDistance {
    /// Σ (a − b)² over `count` values, summed in groups of four as scikit-learn's
    /// `_euclidean_dense_dense`, so inertias agree to the last bits where possible.
    @inline(__always)
    static func between(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var result = 0.0
        var index = 0
        while index + 4 <= count {
            let d0 = a[index] - b[index], d1 = a[index + 1] - b[index + 1]
            let d2 = a[index + 2] - b[index + 2], d3 = a[index + 3] - b[index + 3]
            result += d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3
            index += 4
        }
        while index < count {
            let difference = a[index] - b[index]
            result += difference * difference
            index += 1
        }
        return result
    }

    /// Σ a·b over `count` values. Unrolled by four: besides helping the optimiser, it keeps
    /// unoptimised (debug) builds, where loop overhead dominates, fast enough for the tests.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        var result = 0.0
        var index = 0
        while index + 4 <= count {
            result += a[index] * b[index] + a[index + 1] * b[index + 1] + a[index + 2] * b[index + 2]
                + a[index + 3] * b[index + 3]
            index += 4
        }
        while index < count {
            result += a[index] * b[index]
            index += 1
        }
        return result
    }

    /// ‖row‖² of every row.
    static func rowNorms(_ data: FeatureMatrix) -> [Double] {
        data.values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return [] }
            return (0..<data.rowCount).map { row in
                let start = base + row * data.columnCount
                return dot(start, start, count: data.columnCount)
            }
        }
    }
}
