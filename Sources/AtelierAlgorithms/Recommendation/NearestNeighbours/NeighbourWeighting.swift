import Foundation

/// How item-kNN weighs the users × items matrix before comparing items, exactly as the Python
/// library implicit (0.7, `implicit.nearest_neighbours`) does, so that similarities match its
/// `CosineRecommender`, `TFIDFRecommender` and `BM25Recommender`.
///
/// With w(u,i) the summed interaction weight, N the number of items (catalogue included),
/// n(u) the number of items user u interacted with and idf(u) = ln N − ln(1 + n(u)):
/// - `cosine`: each item's column scaled to unit length, w(u,i) / ‖w(·,i)‖; the similarity of
///   two items is then their cosine.
/// - `tfidf`: √w(u,i) · idf(u), then each item's column scaled to unit length: users who
///   interacted with many items say less about each.
/// - `bm25(k1:b:)`: w(u,i) · (k1 + 1) / (k1 · L(i) + w(u,i)) · idf(u), columns not normalised,
///   where L(i) = 1 − b + b · |i| / mean |·| and |i| = Σ_u w(u,i), the mean taken over all N
///   items: saturates heavy interactions (k1) and damps popular items (b).
///
/// A column whose length is 0 after weighting (every user's idf is 0) stays 0 rather than
/// becoming NaN as in implicit.
public enum NeighbourWeighting: Sendable, Hashable, Codable {
    case cosine
    case tfidf
    /// implicit's `BM25Recommender` defaults: k1 = 1.2, b = 0.75.
    case bm25(k1: Double = 1.2, b: Double = 0.75)

    func validate() throws(RecommendationError) {
        guard case .bm25(let k1, let b) = self else { return }
        guard k1 >= 0, k1.isFinite else { throw .invalidParameter(name: "weighting.k1", reason: "must be finite and at least 0") }
        guard b >= 0, b <= 1 else { throw .invalidParameter(name: "weighting.b", reason: "must lie in [0, 1]") }
    }

    /// The weighted users × items matrix, in Double as implicit computes it.
    func weighted(_ matrix: InteractionMatrix) -> SparseMatrix<Double> {
        var values = matrix.values.map(Double.init)
        switch self {
        case .cosine:
            Self.scaleColumnsToUnitLength(&values, of: matrix)
        case .tfidf:
            let idf = Self.inverseDocumentFrequencies(matrix)
            Self.forEachEntry(of: matrix) { position, user, _ in values[position] = values[position].squareRoot() * idf[user] }
            Self.scaleColumnsToUnitLength(&values, of: matrix)
        case .bm25(let k1, let b):
            let idf = Self.inverseDocumentFrequencies(matrix)
            var lengths = [Double](repeating: 0, count: matrix.columnCount)
            for (item, weight) in zip(matrix.columns, values) { lengths[Int(item)] += weight }
            let averageLength = lengths.reduce(0, +) / Double(max(matrix.columnCount, 1))
            Self.forEachEntry(of: matrix) { position, user, item in
                let lengthNorm = 1 - b + b * lengths[item] / averageLength
                let weight = values[position]
                values[position] = weight * (k1 + 1) / (k1 * lengthNorm + weight) * idf[user]
            }
        }
        return SparseMatrix(
            rowCount: matrix.rowCount, columnCount: matrix.columnCount, rowStarts: matrix.rowStarts,
            columns: matrix.columns, values: values)
    }

    private static func forEachEntry(of matrix: InteractionMatrix, _ body: (_ position: Int, _ row: Int, _ column: Int) -> Void) {
        for row in 0..<matrix.rowCount {
            for position in matrix.range(ofRow: row) { body(position, row, Int(matrix.columns[position])) }
        }
    }

    /// idf(u) = ln N − ln(1 + n(u)) per user (row).
    private static func inverseDocumentFrequencies(_ matrix: InteractionMatrix) -> [Double] {
        let logItems = log(Double(matrix.columnCount))
        return (0..<matrix.rowCount).map { logItems - log1p(Double(matrix.range(ofRow: $0).count)) }
    }

    /// Each column divided by its Euclidean length (columns of length 0 left as they are).
    private static func scaleColumnsToUnitLength(_ values: inout [Double], of matrix: InteractionMatrix) {
        var squares = [Double](repeating: 0, count: matrix.columnCount)
        for (item, value) in zip(matrix.columns, values) { squares[Int(item)] += value * value }
        let lengths = squares.map { $0.squareRoot() }
        for (position, item) in matrix.columns.enumerated() where lengths[Int(item)] > 0 {
            values[position] /= lengths[Int(item)]
        }
    }
}
