import AtelierPostgres
import Foundation

/// The catalogue's last word on candidates a model proposed: items that cannot be sold now are
/// dropped (inactive, or out of stock: `attributes.inStock` is `false`; an item without the
/// attribute counts as in stock, a catalogue without stock information loses nothing), and
/// so are items the catalogue now files outside the request's category or brands; an item
/// the catalogue does not know is kept (catalogues lag behind sales). Repeats go, and the
/// rest is named and cut. One indexed query per list; items are tenant data, read on the
/// owner's pool.
struct AvailableItems: Sendable {
    /// The request's restrictions, checked against the current catalogue.
    struct Rules: Sendable {
        var category: String?
        var brands: Set<String>?

        static let none = Rules()

        func admits(categories: [String], brand: String?) -> Bool {
            if let category, !categories.contains(category) { return false }
            if let brands, !(brand.map(brands.contains) ?? false) { return false }
            return true
        }
    }

    let pool: PostgresPool

    func filter(_ candidates: [(sku: String, score: Double?)], rules: Rules = .none, tenantID: UUID, limit: Int)
        async throws -> [RecommendedItem]
    {
        guard !candidates.isEmpty, limit > 0 else { return [] }
        let rows = try await pool.query(
            """
            SELECT sku, name, active AND attributes->'inStock' IS DISTINCT FROM 'false'::jsonb AS available,
                category_path, brand
            FROM items WHERE tenant_id = $1 AND sku = ANY($2::text[])
            """,
            [tenantID, candidates.map(\.sku)])
        var catalogue: [String: (name: String, available: Bool, categories: [String], brand: String?)] = [:]
        for row in rows {
            catalogue[try row.decode(String.self, column: "sku")] = (
                try row.decode(String.self, column: "name"), try row.decode(Bool.self, column: "available"),
                try row.decode([String].self, column: "category_path"), try row.decode(String?.self, column: "brand")
            )
        }
        var seen: Set<String> = []
        var items: [RecommendedItem] = []
        for candidate in candidates where seen.insert(candidate.sku).inserted {
            if let known = catalogue[candidate.sku],
                !known.available || !rules.admits(categories: known.categories, brand: known.brand)
            {
                continue
            }
            items.append(RecommendedItem(sku: candidate.sku, name: catalogue[candidate.sku]?.name, score: candidate.score))
            if items.count == limit { break }
        }
        return items
    }
}
