/// The users × items matrix of summed interaction weights, in Float as implicit stores it.
public typealias InteractionMatrix = SparseMatrix<Float>

/// A sparse matrix in compressed sparse row form (CSR, as scipy's `csr_matrix`): for each row
/// `r`, the columns `columns[rowStarts[r]..<rowStarts[r + 1]]` in ascending order with their
/// `values`. Users × items of interaction weights (`InteractionMatrix`, Float), items × items of
/// similarities (Double).
///
/// Memory: 8 bytes per row plus 4 bytes per stored entry for its 32-bit column and 4 (Float) or
/// 8 (Double) for its value, whatever the number of columns: a million users × 100,000 items
/// with 10 M interactions take about 90 MB as Float; the dense matrix would take 400 GB.
public struct SparseMatrix<Value: BinaryFloatingPoint & Sendable & Hashable & Codable>: Sendable, Hashable {
    public let rowCount: Int
    public let columnCount: Int
    /// `rowCount + 1` offsets into `columns` and `values`, from 0 to `nonzeroCount`.
    public let rowStarts: [Int]
    public let columns: [Int32]
    public let values: [Value]

    public var nonzeroCount: Int { columns.count }

    /// The positions in `columns` and `values` of row `row`'s entries.
    public func range(ofRow row: Int) -> Range<Int> {
        rowStarts[row]..<rowStarts[row + 1]
    }

    /// Takes arrays already in canonical form (checked by `validate`).
    init(rowCount: Int, columnCount: Int, rowStarts: [Int], columns: [Int32], values: [Value]) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.rowStarts = rowStarts
        self.columns = columns
        self.values = values
    }

    /// Builds the matrix from (row, column, value) entries in any order: entries at the same
    /// position are summed (in Double, then stored as `Value`), and positions whose sum is 0 are
    /// left out, as scipy's COO → CSR conversion followed by `eliminate_zeros()` does.
    init(rowCount: Int, columnCount: Int, entries: [(row: Int32, column: Int32, value: Double)]) {
        var rowStarts = [Int](repeating: 0, count: rowCount + 1)
        for entry in entries { rowStarts[Int(entry.row) + 1] += 1 }
        for row in 0..<rowCount { rowStarts[row + 1] += rowStarts[row] }
        var next = rowStarts
        var unsorted = [(column: Int32, value: Double)](repeating: (0, 0), count: entries.count)
        for entry in entries {
            unsorted[next[Int(entry.row)]] = (entry.column, entry.value)
            next[Int(entry.row)] += 1
        }
        var columns: [Int32] = []
        var values: [Value] = []
        columns.reserveCapacity(entries.count)
        values.reserveCapacity(entries.count)
        var compactStarts = [Int](repeating: 0, count: rowCount + 1)
        for row in 0..<rowCount {
            let sorted = unsorted[rowStarts[row]..<rowStarts[row + 1]].sorted { $0.column < $1.column }
            var position = 0
            while position < sorted.count {
                let column = sorted[position].column
                var sum = 0.0
                while position < sorted.count, sorted[position].column == column {
                    sum += sorted[position].value
                    position += 1
                }
                if sum != 0 {
                    columns.append(column)
                    values.append(Value(sum))
                }
            }
            compactStarts[row + 1] = columns.count
        }
        self.init(rowCount: rowCount, columnCount: columnCount, rowStarts: compactStarts, columns: columns, values: values)
    }

    /// The same entries with rows and columns swapped (items × users from users × items), rows
    /// again with ascending columns.
    public func transposed() -> SparseMatrix {
        var starts = [Int](repeating: 0, count: columnCount + 1)
        for column in columns { starts[Int(column) + 1] += 1 }
        for column in 0..<columnCount { starts[column + 1] += starts[column] }
        var next = starts
        var transposedColumns = [Int32](repeating: 0, count: nonzeroCount)
        var transposedValues = [Value](repeating: 0, count: nonzeroCount)
        for row in 0..<rowCount {
            for position in range(ofRow: row) {
                let column = Int(columns[position])
                transposedColumns[next[column]] = Int32(row)
                transposedValues[next[column]] = values[position]
                next[column] += 1
            }
        }
        return SparseMatrix(
            rowCount: columnCount, columnCount: rowCount, rowStarts: starts, columns: transposedColumns,
            values: transposedValues)
    }

    /// Why these arrays are not a canonical CSR matrix, or nil when they are.
    func inconsistency() -> String? {
        guard rowCount >= 0, columnCount >= 0, columnCount <= Int(Int32.max) else { return "negative or oversized shape" }
        guard rowStarts.count == rowCount + 1, rowStarts.first == 0, rowStarts.last == columns.count else {
            return "rowStarts must hold rowCount + 1 offsets from 0 to the number of entries"
        }
        guard values.count == columns.count else { return "columns and values differ in length" }
        for row in 0..<rowCount {
            guard rowStarts[row] <= rowStarts[row + 1] else { return "rowStarts decrease at row \(row)" }
            let rowColumns = columns[rowStarts[row]..<rowStarts[row + 1]]
            guard rowColumns.allSatisfy({ $0 >= 0 && Int($0) < columnCount }),
                zip(rowColumns, rowColumns.dropFirst()).allSatisfy({ $0 < $1 })
            else { return "row \(row) has columns out of range or not strictly ascending" }
        }
        guard values.allSatisfy(\.isFinite) else { return "values must be finite" }
        return nil
    }
}

extension SparseMatrix: Codable {
    private enum CodingKeys: String, CodingKey {
        case rowCount, columnCount, rowStarts, columns, values
    }

    /// Decodes and checks the CSR invariants, so a corrupt artifact fails here rather than as an
    /// index out of range while serving.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            rowCount: try container.decode(Int.self, forKey: .rowCount),
            columnCount: try container.decode(Int.self, forKey: .columnCount),
            rowStarts: try container.decode([Int].self, forKey: .rowStarts),
            columns: try container.decode([Int32].self, forKey: .columns),
            values: try container.decode([Value].self, forKey: .values))
        if let reason = inconsistency() {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: reason))
        }
    }
}
