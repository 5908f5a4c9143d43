/// How much each kind of interaction says about a user's taste: the weight an `Interaction` of
/// that kind carries. Weights of the same (user, item) pair add up, so the matrix entry is
/// Σ weight(kind) over that pair's events.
///
/// The recommenders read the summed weight differently: item-kNN uses it as the entry of the
/// user × item matrix (then cosine, TF-IDF or BM25 weighting); ALS turns it into a confidence
/// c = 1 + α·w (Hu, Koren & Volinsky 2008, eq. 2; `ALSParameters.confidence`). A purchase therefore
/// counts as much as `purchase / view` views. The defaults (view 1, add-to-cart 3, purchase 5)
/// are a starting point in the range used in e-commerce practice; tune them per tenant on the
/// time-based holdout (`TimeHoldoutSplitter`), which is what the registry's metrics are for.
public struct InteractionWeights: Sendable, Hashable, Codable {
    /// The weight per kind; kinds absent here are ignored (weight nil), so a new event type never
    /// silently counts.
    public var weights: [InteractionKind: Double]

    public init(_ weights: [InteractionKind: Double]) {
        self.weights = weights
    }

    public static let `default` = InteractionWeights([.view: 1, .addToCart: 3, .purchase: 5])

    /// The interaction an event of `kind` stands for, or nil when the kind carries no weight
    /// (absent, or weighted 0).
    public func interaction<User, Item>(user: User, item: Item, kind: InteractionKind) -> Interaction<User, Item>? {
        guard let weight = weights[kind], weight != 0 else { return nil }
        return Interaction(user: user, item: item, weight: weight)
    }

    /// Refuses weights that would make confidences meaningless: negative, NaN or infinite.
    public func validate() throws(RecommendationError) {
        for (kind, weight) in weights.sorted(by: { $0.key < $1.key }) where !(weight >= 0 && weight.isFinite) {
            throw .invalidParameter(name: "weights.\(kind.rawValue)", reason: "must be finite and at least 0, got \(weight)")
        }
    }
}
