/// How a list was made, said in every response so a client can tell a personal or rule-based
/// answer from a fallback.
public enum RecommendationStrategy: String, Sendable {
    /// Rules of the serving bought-together version.
    case associationRules = "association_rules"
    /// The serving version's most bought items: no rule applied.
    case popularity
    /// The serving recommender's item-kNN neighbours of the cart: no rule applied.
    case itemKNN = "item_knn"
    /// Rules first, then item-kNN neighbours where the rules left room.
    case associationRulesAndItemKNN = "association_rules+item_knn"
    /// No version serves yet: nothing to say.
    case none
}
