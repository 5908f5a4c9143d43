/// Feature rows stored flat and row-major, validated once: the hot loops of k-means and the
/// silhouette then read contiguous memory instead of one heap array per row.
struct FeatureMatrix: Sendable {
    let rowCount: Int
    let columnCount: Int
    /// `values[row * columnCount + column]`.
    var values: [Double]

    /// Checks that `rows` is non-empty, rectangular (`expectedColumns` wide when given) and
    /// finite, then flattens it.
    init(_ rows: [[Double]], expectedColumns: Int? = nil) throws(ClusteringError) {
        do {
            columnCount = try FeatureRows.validate(rows, expectedColumns: expectedColumns)
        } catch {
            throw ClusteringError(featureRowsFault: error)
        }
        rowCount = rows.count
        var values: [Double] = []
        values.reserveCapacity(rows.count * columnCount)
        for row in rows { values.append(contentsOf: row) }
        self.values = values
    }

    init(rowCount: Int, columnCount: Int, values: [Double]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    /// The rows at `indices`, in that order.
    func selecting(_ indices: [Int]) -> FeatureMatrix {
        var selected: [Double] = []
        selected.reserveCapacity(indices.count * columnCount)
        for index in indices { selected.append(contentsOf: values[index * columnCount..<(index + 1) * columnCount]) }
        return FeatureMatrix(rowCount: indices.count, columnCount: columnCount, values: selected)
    }
}
