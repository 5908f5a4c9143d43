import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Serves `POST /v1/recommendations` for an anonymous cart: the bought-together rules that
/// apply to the cart first (with their measures), then the serving recommender's item-kNN
/// neighbours of the cart's items where the rules left room, then the rules' best sellers. No
/// person is read. The answer says which strategy filled it and which versions answered.
public struct CartRecommender: Sendable {
    private let boughtTogether: BoughtTogether
    private let pool: PostgresPool
    private let models: RecommenderModels

    public init(pool: PostgresPool, models: RecommenderModels) {
        self.pool = pool
        self.models = models
        boughtTogether = BoughtTogether(pool: pool)
    }

    public func recommend(tenantID: UUID, skus: [String], limit: Int) async throws -> RelatedItemsAnswer {
        let rules = try await boughtTogether.forCart(tenantID: tenantID, skus: skus, limit: limit)
        let ruled = rules.items.filter { $0.confidence != nil }
        guard ruled.count < limit,
            let version = try await pool.query(
                "SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = 'recommender' AND status = 'serving'",
                [tenantID]
            ).first?.decode(Int.self, column: "version"),
            let model = try await models.model(tenantID: tenantID, version: version)
        else { return rules }
        var taken = Set(skus).union(ruled.map(\.sku))
        let cart = Set(skus.compactMap(model.position)).sorted().map { (index: $0, weight: Float(1)) }
        let excluded = Set(taken.compactMap(model.position))
        let neighbours = model.itemKNN.recommend(positions: cart, limit: 2 * limit + 10) { !excluded.contains(Int32($0)) }
        let similar = try await AvailableItems(pool: pool).filter(
            neighbours.map { (sku: model.skus[Int($0.item)], score: Optional($0.score)) }, tenantID: tenantID,
            limit: limit - ruled.count)
        guard !similar.isEmpty else { return rules }
        var items = ruled + similar.map { RelatedItem(sku: $0.sku, name: $0.name, support: nil, confidence: nil, lift: nil) }
        taken.formUnion(similar.map(\.sku))
        for fill in rules.items where items.count < limit && taken.insert(fill.sku).inserted { items.append(fill) }
        return RelatedItemsAnswer(
            items: items, strategy: ruled.isEmpty ? .itemKNN : .associationRulesAndItemKNN, modelVersion: rules.modelVersion,
            recommenderVersion: version)
    }
}
