/// Matrix factorisation for implicit feedback by alternating least squares (Hu, Koren & Volinsky
/// 2008, "Collaborative Filtering for Implicit Feedback Datasets"): every user and item gets f
/// latent factors such that xᵤ·yᵢ approaches 1 where u interacted with i and 0 elsewhere, each
/// pair weighted by its confidence c = 1 + α·w. The estimator holds only its parameters; `fit`
/// returns the factors as a separate value.
///
/// Same arithmetic as implicit's CPU `AlternatingLeastSquares` with `dtype=float64`: initial
/// factors uniform in [0, 0.01), then per sweep all users from the items, then all items from the
/// users (`ImplicitLeastSquares`); the reference test feeds both the same initial factors and
/// compares the factors after a few sweeps. Deterministic for a seed: initial factors come from
/// `SplitMix64(seed)`, users' rows first then items', and every sum runs in a fixed order.
///
/// Memory bound while fitting, for U users, I items, nnz interactions and f factors: the
/// confidence matrix and its transpose (2 × (8·nnz + 8·(U or I)) bytes), the factors in Double
/// (8·f·(U + I)), the Gram matrix and one row's scratch (8·(2f² + 4f)); never anything of size
/// U × I. 1 M interactions of 100,000 users on 10,000 items at f = 64 take about 90 MB. The
/// fitted value keeps the factors as Float (4·f·(U + I)).
///
/// Time per sweep: O(nnz·f·s + (U + I)·f²·s) with s = CG steps + 1 (or O(nnz·f² + (U + I)·f³)
/// with Cholesky).
public struct AlternatingLeastSquares: Sendable, Hashable, Codable {
    public var parameters: ALSParameters

    public init(parameters: ALSParameters = ALSParameters()) {
        self.parameters = parameters
    }

    /// Fits on `data` using `threads` threads (an execution choice, not a model parameter: the
    /// factors are the same, bit for bit, for any number of threads). The worker shares its cores
    /// with the API, so it decides; 1 runs everything on the calling thread.
    public func fit<User, Item>(_ data: InteractionDataset<User, Item>, threads: Int = 1) throws(RecommendationError)
        -> FittedALS<User, Item>
    {
        try parameters.validate()
        guard data.matrix.nonzeroCount > 0 else { throw .noInteractions }
        let f = parameters.factors
        var generator = SplitMix64(seed: parameters.seed)
        var userFactors = (0..<(data.users.count * f)).map { _ in generator.nextUnitInterval() * parameters.initialScale }
        var itemFactors = (0..<(data.items.count * f)).map { _ in generator.nextUnitInterval() * parameters.initialScale }
        try fit(data, userFactors: &userFactors, itemFactors: &itemFactors, threads: threads)
        return FittedALS(
            parameters: parameters, users: data.users, items: data.items,
            userFactors: userFactors.map(Float.init), itemFactors: itemFactors.map(Float.init))
    }

    /// Runs the sweeps from the given initial factors (users × f and items × f, row-major): what
    /// `fit` does after drawing them, exposed so that a comparison with another implementation
    /// can start both from the same point.
    public func fit<User, Item>(
        _ data: InteractionDataset<User, Item>, userFactors: inout [Double], itemFactors: inout [Double], threads: Int = 1
    ) throws(RecommendationError) {
        try parameters.validate()
        guard threads >= 1 else { throw .invalidParameter(name: "threads", reason: "must be at least 1") }
        let f = parameters.factors
        guard userFactors.count == data.users.count * f, itemFactors.count == data.items.count * f else {
            throw .invalidParameter(name: "initial factors", reason: "must hold users × factors and items × factors values")
        }
        let userItems = InteractionMatrix(
            rowCount: data.matrix.rowCount, columnCount: data.matrix.columnCount, rowStarts: data.matrix.rowStarts,
            columns: data.matrix.columns, values: data.matrix.values.map(parameters.confidence(weight:)))
        let itemUsers = userItems.transposed()
        let leastSquares = ImplicitLeastSquares(factors: f, regularization: parameters.regularization, solver: parameters.solver)
        for _ in 0..<parameters.iterations {
            leastSquares.solve(userItems, rows: &userFactors, other: itemFactors, threads: threads)
            leastSquares.solve(itemUsers, rows: &itemFactors, other: userFactors, threads: threads)
        }
    }
}
