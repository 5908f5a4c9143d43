import Testing

/// The largest difference between two factor tables (rows of equal length), relative to the
/// largest reference value, so one number says how close two factorisations are.
func relativeFactorDifference(_ actual: [[Double]], _ expected: [[Double]]) -> Double {
    guard actual.count == expected.count, zip(actual, expected).allSatisfy({ $0.count == $1.count }) else { return .infinity }
    let scale = expected.joined().reduce(0) { max($0, abs($1)) }
    let difference = zip(actual.joined(), expected.joined()).reduce(0) { max($0, abs($1.0 - $1.1)) }
    return difference / scale
}

/// Rows `rows` of a row-major table of `width` columns.
func factorRows(_ table: [Float], width: Int, rows: [Int]) -> [[Double]] {
    factorRows(table.map(Double.init), width: width, rows: rows)
}

func factorRows(_ table: [Double], width: Int, rows: [Int]) -> [[Double]] {
    rows.map { row in Array(table[(row * width)..<((row + 1) * width)]) }
}
