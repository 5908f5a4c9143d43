import AtelierAlgorithms
import Foundation

/// A recommender version as it serves from memory: the item side of its artifact, decoded
/// once when the version is first asked for after it went into service. Holds no per-person
/// value: a person's history and factors are read with each request, through the
/// `personalization` purpose, so erasing or withdrawing consent takes effect at once.
///
/// Memory: the SKUs and categories, K neighbours per item (12·K·I bytes), the ALS item
/// factors (4·f·I) with their norms and Gram matrix, and the popularity rankings.
struct ServingRecommender: Sendable {
    let version: Int
    let algorithm: RecommenderArtifact.Algorithm
    let parameters: RecommenderParameters
    let skus: [String]
    private let positions: [String: Int32]
    private let categories: [Set<String>]
    let itemKNN: FittedItemKNN<Int32>
    let als: FittedALS<Int32, Int32>?
    let popularity: FittedPopularity<Int32>

    init(version: Int, artifact: RecommenderArtifact) throws {
        guard artifact.categories.count == artifact.skus.count, artifact.itemKNN.items.count == artifact.skus.count else {
            throw DomainError.unavailable(reason: "recommender version \(version) is inconsistent: items differ in count")
        }
        self.version = version
        algorithm = artifact.algorithm
        parameters = artifact.parameters
        skus = artifact.skus
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(skus.count)
        for (position, sku) in skus.enumerated() { positions[sku] = Int32(position) }
        self.positions = positions
        categories = artifact.categories.map(Set.init)
        itemKNN = artifact.itemKNN
        popularity = artifact.popularity
        if let parameters = artifact.alsParameters, let packed = artifact.itemFactors {
            guard let factors = PackedValues.unpackFloats(packed) else {
                throw DomainError.unavailable(reason: "recommender version \(version) has malformed item factors")
            }
            als = try FittedALS(parameters: parameters, items: artifact.itemKNN.items, itemFactors: factors)
        } else {
            als = nil
        }
    }

    func position(of sku: String) -> Int32? {
        positions[sku]
    }

    /// Whether the item at `position` was in `category` (any level of its path) when trained.
    func item(_ position: Int, isIn category: String) -> Bool {
        categories[position].contains(category)
    }
}
