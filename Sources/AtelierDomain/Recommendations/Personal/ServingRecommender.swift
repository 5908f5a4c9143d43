import AtelierAlgorithms
import Foundation

/// A recommender version as it serves from memory: the item side of its artifact, decoded
/// once when the version is first asked for after it went into service, with everything a
/// request would otherwise compute over the whole catalogue built then: SKU → position, the
/// positions of each category, and each item's brand as a small code. Holds no per-person
/// value: a person's history and factors are read with each request, through the
/// `personalization` purpose, so erasing or withdrawing consent takes effect at once.
///
/// Memory: the SKUs and category members, K neighbours per item (12·K·I bytes), the ALS item
/// factors (4·f·I) with their norms and Gram matrix, the popularity rankings, and the
/// catalogue's brand of every SKU (as loaded).
struct ServingRecommender: Sendable {
    let version: Int
    let algorithm: RecommenderArtifact.Algorithm
    let parameters: RecommenderParameters
    let skus: [String]
    private let positions: [String: Int32]
    /// Per category (any level of an item's path at training time), its items' positions.
    private let categoryMembers: [String: [Int32]]
    /// The catalogue's brand of every SKU it knew when the version was loaded (items outside
    /// the version too: a request's context may name a newer item).
    private let catalogueBrands: [String: String]
    /// Per position, the code of the item's brand in `brandCodes`, -1 when it has none.
    private let brandOfPosition: [Int32]
    private let brandCodes: [String: Int32]
    let itemKNN: FittedItemKNN<Int32>
    let als: FittedALS<Int32, Int32>?
    let popularity: FittedPopularity<Int32>

    /// - Parameter brands: the catalogue's brand per SKU, read when the version is loaded.
    init(version: Int, artifact: RecommenderArtifact, brands: [String: String]) throws {
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
        var categoryMembers: [String: [Int32]] = [:]
        for (position, path) in artifact.categories.enumerated() {
            for category in Set(path) { categoryMembers[category, default: []].append(Int32(position)) }
        }
        self.categoryMembers = categoryMembers
        catalogueBrands = brands
        var brandCodes: [String: Int32] = [:]
        brandOfPosition = skus.map { sku in
            guard let brand = brands[sku] else { return -1 }
            if let code = brandCodes[brand] { return code }
            let code = Int32(brandCodes.count)
            brandCodes[brand] = code
            return code
        }
        self.brandCodes = brandCodes
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

    /// The brand the catalogue gave `sku` when the version was loaded.
    func brand(of sku: String) -> String? {
        catalogueBrands[sku]
    }

    /// Which positions a request may return: within `category` (any level of the item's path
    /// when trained) and `brands` when given, never `excluded`. O(items) integer work, no
    /// string hashing per item.
    func candidates(category: String?, brands: Set<String>?, excluded: Set<Int32>) -> CandidateMask {
        var mask = CandidateMask(count: skus.count, allowing: category == nil)
        if let category {
            for position in categoryMembers[category] ?? [] { mask.allow(position) }
        }
        if let brands {
            let codes = Set(brands.compactMap { brandCodes[$0] })
            mask.keep { codes.contains(brandOfPosition[$0]) }
        }
        for position in excluded { mask.forbid(position) }
        return mask
    }
}
