/// Solves A·x = b for a small symmetric positive-definite A (row-major, n × n) by Cholesky
/// factorisation. Returns nil (or false) when A is not numerically positive definite, so the
/// caller can damp the system and try again instead of dividing by a vanishing pivot.
enum CholeskySolver {
    static func solve(_ matrix: [Double], dimension n: Int, rightHandSide: [Double]) -> [Double]? {
        var factor = matrix
        var solution = rightHandSide
        let solved = factor.withUnsafeMutableBufferPointer { factor in
            solution.withUnsafeMutableBufferPointer { solution in
                solveInPlace(factor, dimension: n, rightHandSide: solution)
            }
        }
        return solved ? solution : nil
    }

    /// The allocation-free form for hot loops (one solve per user in ALS): overwrites the lower
    /// triangle of `matrix` with the Cholesky factor L (only the lower triangle is read) and
    /// `rightHandSide` with x. Returns false, leaving both partly overwritten, when A is not
    /// numerically positive definite.
    static func solveInPlace(
        _ matrix: UnsafeMutableBufferPointer<Double>, dimension n: Int, rightHandSide solution: UnsafeMutableBufferPointer<Double>
    ) -> Bool {
        guard n > 0, let base = matrix.baseAddress else { return true }
        for row in 0..<n {
            for column in 0...row {
                let sum = matrix[row * n + column] - VectorKernels.dot(base + row * n, base + column * n, count: column)
                if row == column {
                    guard sum > 0, sum.isFinite else { return false }
                    matrix[row * n + row] = sum.squareRoot()
                } else {
                    matrix[row * n + column] = sum / matrix[column * n + column]
                }
            }
        }
        for row in 0..<n {
            for k in 0..<row { solution[row] -= matrix[row * n + k] * solution[k] }
            solution[row] /= matrix[row * n + row]
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            for k in (row + 1)..<n { solution[row] -= matrix[k * n + row] * solution[k] }
            solution[row] /= matrix[row * n + row]
        }
        return true
    }
}
