/// Solves A·x = b for a small symmetric positive-definite A (row-major, n × n) by Cholesky
/// factorisation. Returns nil when A is not numerically positive definite, so the caller
/// can damp the system and try again instead of dividing by a vanishing pivot.
enum CholeskySolver {
    static func solve(_ matrix: [Double], dimension n: Int, rightHandSide: [Double]) -> [Double]? {
        var lower = [Double](repeating: 0, count: n * n)
        for row in 0..<n {
            for column in 0...row {
                var sum = matrix[row * n + column]
                for k in 0..<column { sum -= lower[row * n + k] * lower[column * n + k] }
                if row == column {
                    guard sum > 0, sum.isFinite else { return nil }
                    lower[row * n + row] = sum.squareRoot()
                } else {
                    lower[row * n + column] = sum / lower[column * n + column]
                }
            }
        }
        var solution = rightHandSide
        for row in 0..<n {
            for k in 0..<row { solution[row] -= lower[row * n + k] * solution[k] }
            solution[row] /= lower[row * n + row]
        }
        for row in stride(from: n - 1, through: 0, by: -1) {
            for k in (row + 1)..<n { solution[row] -= lower[k * n + row] * solution[k] }
            solution[row] /= lower[row * n + row]
        }
        return solution
    }
}
