/// What `AlternatingLeastSquares.fit` learned: f factors per user and per item (Float, row-major),
/// with the users and items they belong to. Codable, to be stored as a model artifact.
///
/// User factors are per-person values: erasing a customer must remove their row
/// (`removingUsers`) from every stored version. Item factors are sums over many users.
///
/// Serving memory: 4·f·(U + I) bytes for the factors, plus f·I·4 bytes of item norms and f² · 8
/// of the item Gram matrix, both derived when the value is built or decoded.
public struct FittedALS<User: Hashable & Comparable & Sendable & Codable, Item: Hashable & Comparable & Sendable & Codable>:
    Sendable, Hashable, Codable
{
    public let parameters: ALSParameters
    public let users: IdentifierIndex<User>
    public let items: IdentifierIndex<Item>
    /// users × factors, row-major.
    public let userFactors: [Float]
    /// items × factors, row-major.
    public let itemFactors: [Float]
    /// ‖yᵢ‖ per item, 1e-10 where 0 (implicit's guard against dividing by zero).
    private let itemNorms: [Float]
    /// YᵀY + λI over the item factors, for folding in users the model has not seen.
    private let foldInGram: [Double]

    private enum CodingKeys: String, CodingKey {
        case parameters, users, items, userFactors, itemFactors
    }

    public var factorCount: Int { parameters.factors }

    init(
        parameters: ALSParameters, users: IdentifierIndex<User>, items: IdentifierIndex<Item>, userFactors: [Float],
        itemFactors: [Float]
    ) {
        self.parameters = parameters
        self.users = users
        self.items = items
        self.userFactors = userFactors
        self.itemFactors = itemFactors
        let f = parameters.factors
        itemNorms = itemFactors.withUnsafeBufferPointer { factors in
            (0..<items.count).map { item in
                let row = factors.baseAddress! + item * f
                let norm = VectorKernels.dot(row, row, count: f).squareRoot()
                return norm == 0 ? 1e-10 : norm
            }
        }
        var gram = [Double](repeating: 0, count: f * f)
        itemFactors.map(Double.init).withUnsafeBufferPointer { factors in
            gram.withUnsafeMutableBufferPointer { gram in
                ImplicitLeastSquares.gram(of: factors, columnCount: items.count, factors: f, into: gram)
            }
        }
        for diagonal in 0..<f { gram[diagonal * f + diagonal] += parameters.regularization }
        foldInGram = gram
    }

    /// A model of the item side alone (no user factors): what serving keeps in memory when
    /// user factors are personal data stored apart (and erased apart). Refuses factors that are
    /// not finite or not items × `parameters.factors`.
    public init(parameters: ALSParameters, items: IdentifierIndex<Item>, itemFactors: [Float]) throws(RecommendationError) {
        guard parameters.factors >= 1, itemFactors.count == items.count * parameters.factors,
            itemFactors.allSatisfy(\.isFinite)
        else { throw .inconsistentModel("item factors must be finite and items × factors") }
        self.init(
            parameters: parameters, users: IdentifierIndex([]), items: items, userFactors: [], itemFactors: itemFactors)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let parameters = try container.decode(ALSParameters.self, forKey: .parameters)
        let users = try container.decode(IdentifierIndex<User>.self, forKey: .users)
        let items = try container.decode(IdentifierIndex<Item>.self, forKey: .items)
        let userFactors = try container.decode([Float].self, forKey: .userFactors)
        let itemFactors = try container.decode([Float].self, forKey: .itemFactors)
        guard parameters.factors >= 1, userFactors.count == users.count * parameters.factors,
            itemFactors.count == items.count * parameters.factors,
            userFactors.allSatisfy(\.isFinite), itemFactors.allSatisfy(\.isFinite)
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "factors must be finite, users × factors and items × factors"))
        }
        self.init(parameters: parameters, users: users, items: items, userFactors: userFactors, itemFactors: itemFactors)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(users, forKey: .users)
        try container.encode(items, forKey: .items)
        try container.encode(userFactors, forKey: .userFactors)
        try container.encode(itemFactors, forKey: .itemFactors)
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.parameters == right.parameters && left.users == right.users && left.items == right.items
            && left.userFactors == right.userFactors && left.itemFactors == right.itemFactors
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parameters)
        hasher.combine(users)
        hasher.combine(userFactors)
        hasher.combine(itemFactors)
    }

    /// `user`'s factors, or nil for a user the model was not fitted on.
    public func factors(ofUser user: User) -> ArraySlice<Float>? {
        users.index(of: user).map { userFactors[($0 * factorCount)..<(($0 + 1) * factorCount)] }
    }

    /// The factors a user with this history would get against the fitted item factors: the exact
    /// least-squares solution (Cholesky) of one user step, as implicit's `recalculate_user`. For
    /// visitors and customers newer than the model; all zeros for an empty history.
    public func foldIn(history: [Item: Float]) -> [Float] {
        let f = factorCount
        let entries = items.sortedEntries(of: history)
        guard !entries.isEmpty else { return [Float](repeating: 0, count: f) }
        var gathered = [Double](repeating: 0, count: entries.count * f)
        for (row, entry) in entries.enumerated() {
            for k in 0..<f { gathered[row * f + k] = Double(itemFactors[Int(entry.index) * f + k]) }
        }
        let columns = (0..<Int32(entries.count)).map { $0 }
        let confidences = entries.map { parameters.confidence(weight: $0.weight) }
        var x = [Double](repeating: 0, count: f)
        var scratch = [Double](repeating: 0, count: f * f + 4 * f)
        withUnsafePointers(gathered, columns, confidences) { gathered, columns, confidences in
            foldInGram.withUnsafeBufferPointer { gram in
                x.withUnsafeMutableBufferPointer { x in
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        RowProblem(
                            columns: columns, confidences: confidences, count: entries.count, other: gathered, factors: f,
                            gram: gram.baseAddress!
                        ).cholesky(x.baseAddress!, scratch: scratch)
                    }
                }
            }
        }
        return x.map(Float.init)
    }

    /// The best `limit` items for `user` by predicted preference xᵤ·yᵢ, highest first (ties to
    /// the lower item). A user the model was not fitted on is folded in from `history`
    /// (`foldIn`); with neither, the answer is empty and the caller falls back to popularity.
    ///
    /// - history: the user's items and summed weights (`InteractionDataset.history(of:)`); with
    ///   `filterAlreadyLiked` its items are left out (what implicit's `recommend` does).
    /// - excluding: further items never to return.
    public func recommend(
        user: User, history: [Item: Float] = [:], limit: Int, filterAlreadyLiked: Bool = true, excluding: Set<Item> = []
    ) -> [ScoredItem<Item>] {
        let factors: [Float]
        if let known = self.factors(ofUser: user) {
            factors = Array(known)
        } else if !history.isEmpty {
            factors = foldIn(history: history)
        } else {
            return []
        }
        var left = excluding
        if filterAlreadyLiked { left.formUnion(history.keys) }
        let excludedPositions = Set(left.compactMap { items.index(of: $0) })
        return recommend(factors: factors, limit: limit) { !excludedPositions.contains($0) }
    }

    /// The best `limit` items for a user with `factors` (f values: stored with the user, or
    /// from `foldIn`) among the item positions `isCandidate` admits, by xᵤ·yᵢ, highest first
    /// (ties to the lower item). What serving calls when user factors live outside the model
    /// and business rules (category, exclusions) decide the candidates. Empty when `factors`
    /// does not hold f values.
    public func recommend(factors: [Float], limit: Int, where isCandidate: (Int) -> Bool) -> [ScoredItem<Item>] {
        PositionScoring.bestByDotProduct(
            user: factors, itemFactors: itemFactors, itemCount: items.count, factors: factorCount, limit: limit,
            where: isCandidate
        ).map { ScoredItem(item: items[Int($0.index)], score: Double($0.score)) }
    }

    /// `recommend(user:history:…)` with `user`'s history in `data`.
    public func recommend(
        user: User, in data: InteractionDataset<User, Item>, limit: Int, filterAlreadyLiked: Bool = true,
        excluding: Set<Item> = []
    ) -> [ScoredItem<Item>] {
        recommend(
            user: user, history: data.history(of: user), limit: limit, filterAlreadyLiked: filterAlreadyLiked,
            excluding: excluding)
    }

    /// The items whose factors point the most the same way as `item`'s (cosine similarity),
    /// most similar first, `item` itself left out unless `includingItself` (implicit includes it).
    public func similarItems(to item: Item, limit: Int, includingItself: Bool = false) -> [ScoredItem<Item>] {
        guard let row = items.index(of: item) else { return [] }
        let f = factorCount
        var best = TopScores<Float>(capacity: limit)
        itemFactors.withUnsafeBufferPointer { factors in
            let query = factors.baseAddress! + row * f
            for other in 0..<items.count where includingItself || other != row {
                let dot = VectorKernels.dot(query, factors.baseAddress! + other * f, count: f)
                best.offer(index: Int32(other), score: dot / itemNorms[other] / itemNorms[row])
            }
        }
        return best.sorted().map { ScoredItem(item: items[Int($0.index)], score: Double($0.score)) }
    }

    /// The same model without these users' factors: what erasure does to a stored version.
    /// Items and their factors are unchanged (a customer's past influence on them fades at the
    /// next fit, which no longer sees their interactions).
    public func removingUsers(_ erased: Set<User>) -> FittedALS {
        let kept = users.keys.filter { !erased.contains($0) }
        var factors: [Float] = []
        factors.reserveCapacity(kept.count * factorCount)
        for user in kept {
            if let row = self.factors(ofUser: user) { factors.append(contentsOf: row) }
        }
        return FittedALS(
            parameters: parameters, users: IdentifierIndex(kept), items: items, userFactors: factors, itemFactors: itemFactors)
    }
}

/// Runs `body` with pointers to the storage of three arrays.
private func withUnsafePointers<A, B, C, Result>(
    _ a: [A], _ b: [B], _ c: [C], _ body: (UnsafePointer<A>, UnsafePointer<B>, UnsafePointer<C>) -> Result
) -> Result {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in c.withUnsafeBufferPointer { c in body(a.baseAddress!, b.baseAddress!, c.baseAddress!) } }
    }
}
