import AtelierAlgorithms
import Foundation

/// The item side of a recommender version, stored as JSON in `recommender_models` and kept in
/// memory while the version serves: the item vocabulary (position → SKU) and categories, the
/// item-kNN neighbour table (always: it also answers anonymous carts), the ALS item factors
/// when ALS serves, and the popularity rankings (global and per category) every fallback uses.
/// Sums over many persons only; per-person values live in `recommender_profiles`.
struct RecommenderArtifact: Codable, Sendable {
    enum Algorithm: String, Codable, Sendable {
        case als
        case itemKNN = "item_knn"
    }

    var algorithm: Algorithm
    /// The parameters it was trained with (serving weighs a person's new signals with them).
    var parameters: RecommenderParameters
    var skus: [String]
    /// Each item's category path at training time (catalogue order), empty when unknown.
    var categories: [[String]]
    var itemKNN: FittedItemKNN<Int32>
    var alsParameters: ALSParameters?
    /// ALS item factors, items × factors, packed Float32 (`PackedValues`).
    var itemFactors: Data?
    var popularity: FittedPopularity<Int32>
}
