import AtelierPostgres
import Foundation

/// Serves "bought together" from the serving version's stored rules: for one item (`GET
/// /v1/items/{sku}/related`) and for an anonymous cart (`POST /v1/recommendations`). Rules
/// and popular items are aggregates, never personal, so they are read on the owner's pool;
/// inactive items are never suggested. Places no rule fills go to the version's most bought
/// items (without rule measures); with no applicable rule at all, the answer says
/// `popularity`. Training scores a version exactly so.
public struct BoughtTogether: Sendable {
    private let pool: PostgresPool
    /// Rules read per request before inactive items and duplicates are dropped.
    private static let candidateRules = 200

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func related(tenantID: UUID, sku: String, limit: Int) async throws -> RelatedItemsAnswer {
        try await answer(tenantID: tenantID, cart: [sku], limit: limit)
    }

    /// Items for a cart: rules whose whole antecedent is in the cart and whose consequent is not.
    public func forCart(tenantID: UUID, skus: [String], limit: Int) async throws -> RelatedItemsAnswer {
        try await answer(tenantID: tenantID, cart: Array(Set(skus)).sorted(), limit: limit)
    }

    private func answer(tenantID: UUID, cart: [String], limit: Int) async throws -> RelatedItemsAnswer {
        try await pool.withConnection { connection in
            let serving = try await connection.query(
                "SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = 'association_rules' AND status = 'serving'",
                [tenantID])
            guard let version = try serving.first?.decode(Int.self, column: "version") else {
                return RelatedItemsAnswer(items: [], strategy: .none, modelVersion: nil)
            }
            let rules = try await connection.query(
                """
                SELECT r.consequent, r.support, r.confidence, r.lift FROM association_rules r
                WHERE r.tenant_id = $1 AND r.version = $2 AND r.antecedent[1] = ANY($3::text[])
                  AND r.antecedent <@ $3::text[] AND NOT (r.consequent && $3::text[])
                ORDER BY r.confidence DESC, r.lift DESC, r.rule_no
                LIMIT $4
                """, [tenantID, version, cart, Self.candidateRules])
            var candidates: [RelatedItem] = []
            var seen = Set(cart)
            for row in rules {
                for sku in try row.decode([String].self, column: "consequent") where seen.insert(sku).inserted {
                    candidates.append(
                        RelatedItem(
                            sku: sku, name: nil, support: try row.decode(Double.self, column: "support"),
                            confidence: try row.decode(Double.self, column: "confidence"),
                            lift: try row.decode(Double.self, column: "lift")))
                }
            }
            var items = try await Self.active(candidates, tenantID: tenantID, limit: limit, on: connection)
            let strategy: RecommendationStrategy = items.isEmpty ? .popularity : .associationRules
            if items.count < limit {
                let popular = try await connection.query(
                    """
                    SELECT sku FROM popular_items WHERE tenant_id = $1 AND version = $2 AND sku <> ALL($3::text[])
                    ORDER BY rank
                    """, [tenantID, version, cart + items.map(\.sku)])
                let fallbacks = try popular.map {
                    RelatedItem(sku: try $0.decode(String.self, column: "sku"), name: nil, support: nil, confidence: nil, lift: nil)
                }
                items += try await Self.active(fallbacks, tenantID: tenantID, limit: limit - items.count, on: connection)
            }
            return RelatedItemsAnswer(items: items, strategy: strategy, modelVersion: version)
        }
    }

    /// Keeps the candidates whose item is not marked inactive in the catalogue (an item the
    /// catalogue does not know is kept: catalogues lag behind sales), names them, and cuts.
    private static func active(
        _ candidates: [RelatedItem], tenantID: UUID, limit: Int, on connection: PostgresConnection
    ) async throws -> [RelatedItem] {
        guard !candidates.isEmpty else { return [] }
        let rows = try await connection.query(
            "SELECT sku, name, active FROM items WHERE tenant_id = $1 AND sku = ANY($2::text[])",
            [tenantID, candidates.map(\.sku)])
        var catalogue: [String: (name: String, active: Bool)] = [:]
        for row in rows {
            catalogue[try row.decode(String.self, column: "sku")] = (
                try row.decode(String.self, column: "name"), try row.decode(Bool.self, column: "active")
            )
        }
        return Array(
            candidates.filter { catalogue[$0.sku]?.active ?? true }.prefix(limit).map { item in
                var named = item
                named.name = catalogue[item.sku]?.name
                return named
            })
    }
}
