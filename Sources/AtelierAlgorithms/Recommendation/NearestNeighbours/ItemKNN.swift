/// Item-based collaborative filtering (item-kNN) on implicit feedback: items are similar when
/// the same users interacted with them, and a user is recommended the items most similar to
/// those in their history. The estimator holds only its parameters; `fit` returns the item ×
/// item neighbour table as a separate value (scikit-learn's pattern).
///
/// The similarity of items i and j is Σ_u x(u,i) · x(u,j) over the weighted matrix x (see
/// `NeighbourWeighting`), computed for every pair that shares a user and summed in Double in the
/// order implicit sums them, so neighbours and scores equal those of implicit's
/// `CosineRecommender`, `TFIDFRecommender` and `BM25Recommender` (checked on Weka's supermarket
/// baskets by ItemKNNSupermarketTests). Deterministic: no randomness, and ties between equal
/// scores go to the lower item position (implicit breaks them by its heap order).
///
/// Cost: time Σ_u n(u)² over users' history lengths n(u) (every pair of items a user shares),
/// memory one dense row of item scores plus K entries per item in the result.
public struct ItemKNN: Sendable, Hashable, Codable {
    public var parameters: ItemKNNParameters

    public init(parameters: ItemKNNParameters = ItemKNNParameters()) {
        self.parameters = parameters
    }

    public func fit<User, Item>(_ data: InteractionDataset<User, Item>) throws(RecommendationError) -> FittedItemKNN<Item> {
        try parameters.validate()
        guard data.matrix.nonzeroCount > 0 else { throw .noInteractions }
        let userItems = parameters.weighting.weighted(data.matrix)
        let itemUsers = userItems.transposed()
        let itemCount = userItems.columnCount
        var accumulator = SparseAccumulator(itemCount: itemCount)
        var rowStarts = [0]
        var columns: [Int32] = []
        var values: [Double] = []
        rowStarts.reserveCapacity(itemCount + 1)
        withRawStorage(of: itemUsers) { itemUserColumns, itemUserValues in
            withRawStorage(of: userItems) { userItemColumns, userItemValues in
                for item in 0..<itemCount {
                    for userPosition in itemUsers.range(ofRow: item) {
                        let user = Int(itemUserColumns[userPosition])
                        let itemWeight = itemUserValues[userPosition]
                        var position = userItems.rowStarts[user]
                        let end = userItems.rowStarts[user + 1]
                        while position < end {
                            accumulator.add(userItemValues[position] * itemWeight, to: userItemColumns[position])
                            position += 1
                        }
                    }
                    var best = TopScores<Double>(capacity: parameters.neighbours)
                    accumulator.drain { neighbour, score in
                        if score != 0 { best.offer(index: neighbour, score: score) }
                    }
                    for (neighbour, score) in best.sorted().sorted(by: { $0.index < $1.index }) {
                        columns.append(neighbour)
                        values.append(score)
                    }
                    rowStarts.append(columns.count)
                }
            }
        }
        return FittedItemKNN(
            parameters: parameters, items: data.items,
            similarities: SparseMatrix(
                rowCount: itemCount, columnCount: itemCount, rowStarts: rowStarts, columns: columns, values: values))
    }
}

/// Runs `body` with raw pointers to the columns and values of a matrix with at least one entry
/// (`fit` checks it has), valid during the call.
private func withRawStorage<Result>(
    of matrix: SparseMatrix<Double>, _ body: (UnsafePointer<Int32>, UnsafePointer<Double>) -> Result
) -> Result {
    matrix.columns.withUnsafeBufferPointer { columns in
        matrix.values.withUnsafeBufferPointer { values in body(columns.baseAddress!, values.baseAddress!) }
    }
}
