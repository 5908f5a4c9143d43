/// The per-item loops of serving, on item positions only: the best candidates by the dot
/// product of a user's factors with each item's (ALS) and by summed neighbour similarity
/// (item-kNN). Not generic on purpose: the fitted models are generic over their user and item
/// types, and a loop inside a generic method called from another module runs unspecialised,
/// asking the Swift runtime for type metadata at every item (measured: about half of a
/// request's scoring time over a 10,000-item catalogue). Here the loops compile to plain
/// arithmetic whatever the model's types.
enum PositionScoring {
    /// The best `limit` of `itemCount` rows of `itemFactors` (row-major, `factors` wide) by
    /// dot product with `user`, among the rows `isCandidate` admits; best first, ties to the
    /// lower position.
    static func bestByDotProduct(
        user: [Float], itemFactors: [Float], itemCount: Int, factors: Int, limit: Int, where isCandidate: (Int) -> Bool
    ) -> [(index: Int32, score: Float)] {
        guard user.count == factors, itemFactors.count >= itemCount * factors else { return [] }
        var best = TopScores<Float>(capacity: limit)
        user.withUnsafeBufferPointer { user in
            itemFactors.withUnsafeBufferPointer { rows in
                for item in 0..<itemCount where isCandidate(item) {
                    best.offer(
                        index: Int32(item), score: VectorKernels.dot(user.baseAddress!, rows.baseAddress! + item * factors, count: factors))
                }
            }
        }
        return best.sorted()
    }

    /// The best `limit` items by Σ weight(i) · sim(i, j) over the history's rows of
    /// `similarities` (items × items), among the items `isCandidate` admits; best first, ties
    /// to the lower position. History positions outside the matrix are ignored.
    static func bestByNeighbourhood(
        history: [(index: Int32, weight: Float)], similarities: SparseMatrix<Double>, limit: Int,
        where isCandidate: (Int) -> Bool
    ) -> [(index: Int32, score: Double)] {
        var accumulator = SparseAccumulator(itemCount: similarities.rowCount)
        for (item, weight) in history where item >= 0 && Int(item) < similarities.rowCount {
            for position in similarities.range(ofRow: Int(item)) {
                accumulator.add(similarities.values[position] * Double(weight), to: similarities.columns[position])
            }
        }
        var best = TopScores<Double>(capacity: limit)
        accumulator.drain { item, score in
            if isCandidate(Int(item)) { best.offer(index: item, score: score) }
        }
        return best.sorted()
    }
}
