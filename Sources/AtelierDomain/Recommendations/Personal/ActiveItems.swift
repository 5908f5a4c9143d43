import AtelierPostgres
import Foundation

/// The catalogue's last word on candidates a model proposed: inactive items are dropped (an
/// item the catalogue does not know is kept: catalogues lag behind sales), a category filter
/// is checked against the current category path when the catalogue knows the item, repeats
/// go, and the rest is named and cut. One query per list; items are tenant data, read on the
/// owner's pool.
struct ActiveItems: Sendable {
    let pool: PostgresPool

    func filter(_ candidates: [(sku: String, score: Double?)], category: String?, tenantID: UUID, limit: Int) async throws
        -> [RecommendedItem]
    {
        guard !candidates.isEmpty, limit > 0 else { return [] }
        let rows = try await pool.query(
            "SELECT sku, name, active, category_path FROM items WHERE tenant_id = $1 AND sku = ANY($2::text[])",
            [tenantID, candidates.map(\.sku)])
        var catalogue: [String: (name: String, active: Bool, categories: [String])] = [:]
        for row in rows {
            catalogue[try row.decode(String.self, column: "sku")] = (
                try row.decode(String.self, column: "name"), try row.decode(Bool.self, column: "active"),
                try row.decode([String].self, column: "category_path")
            )
        }
        var seen: Set<String> = []
        var items: [RecommendedItem] = []
        for candidate in candidates where seen.insert(candidate.sku).inserted {
            let known = catalogue[candidate.sku]
            guard known?.active ?? true, category.map({ known?.categories.contains($0) ?? true }) ?? true else { continue }
            items.append(RecommendedItem(sku: candidate.sku, name: known?.name, score: candidate.score))
            if items.count == limit { break }
        }
        return items
    }
}
