import Foundation

/// What `GET /v1/profiles/{id}/recommendations` asks for besides the profile.
public struct PersonalRecommendationQuery: Sendable, Equatable {
    public var limit: Int
    /// Only items in this category (any level of the item's category path).
    public var category: String?
    /// Items never to return (in the cart, just shown, …).
    public var exclude: [String]
    /// Items the person is looking at now: count as fresh views of the person's history and
    /// are not returned.
    public var context: [String]
    /// Only items of the brands of the person's latest purchases (when they permit
    /// personalization) and of the `context` items, as the catalogue names them now.
    public var sameBrand: Bool

    public init(limit: Int, category: String? = nil, exclude: [String] = [], context: [String] = [], sameBrand: Bool = false) {
        self.limit = limit
        self.category = category
        self.exclude = exclude
        self.context = context
        self.sameBrand = sameBrand
    }
}

/// How a personal list was made.
public enum PersonalStrategy: String, Sendable {
    case als
    case itemKNN = "item_knn"
    /// The serving version's most popular items (in the category when one was asked for).
    case popularity
    /// No recommender version serves: nothing to say.
    case none
}

/// Why the list is (or is not) personal.
public enum PersonalReason: String, Sendable {
    case personal
    /// No profile with this id permits personalization: it may not exist or may not consent;
    /// the answer is the same for both, so it tells neither.
    case notPersonalizable = "not_personalizable"
    /// The profile permits personalization but has no interaction the serving version knows.
    case noHistory = "no_history"
    case noModel = "no_model"
}

/// One recommended item; `score` is the model's (comparable within one list and strategy),
/// nil for items that filled a short personal list from popularity.
public struct RecommendedItem: Sendable, Equatable {
    public var sku: String
    public var name: String?
    public var score: Double?
}

/// A personal answer: the items, the strategy and reason, and the model version behind it.
public struct PersonalRecommendations: Sendable, Equatable {
    public var items: [RecommendedItem]
    public var strategy: PersonalStrategy
    public var reason: PersonalReason
    public var modelVersion: Int?
    /// The algorithm the serving version was trained to serve with.
    public var algorithm: String?
    /// With `sameBrand`: the brands the list was kept within, sorted (empty: no brand was
    /// known, so nothing could be recommended); nil without it.
    public var brands: [String]?
}
