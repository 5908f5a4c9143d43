/// Shape and value checks shared by everything that takes a feature matrix as rows.
enum FeatureRows {
    /// Returns the number of columns after checking that `rows` is non-empty, rectangular,
    /// at least one column wide (or `expectedColumns` wide) and finite.
    @discardableResult
    static func validate(_ rows: [[Double]], expectedColumns: Int? = nil) throws(ClassificationError) -> Int {
        guard let first = rows.first else { throw .emptyData }
        let columns = expectedColumns ?? first.count
        if let expectedColumns, first.count != expectedColumns {
            throw .featureCountMismatch(expected: expectedColumns, actual: first.count)
        }
        guard columns > 0 else { throw .raggedRow(row: 0, expectedColumns: 1, actualColumns: 0) }
        for (rowIndex, row) in rows.enumerated() {
            guard row.count == columns else {
                throw .raggedRow(row: rowIndex, expectedColumns: columns, actualColumns: row.count)
            }
            for (column, value) in row.enumerated() where !value.isFinite {
                throw .nonFiniteFeature(row: rowIndex, column: column)
            }
        }
        return columns
    }
}
