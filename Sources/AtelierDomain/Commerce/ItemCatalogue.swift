import AtelierPostgres
import Foundation

/// The tenant's item catalogue: upserted by product feeds, read by recommendations and by
/// clients browsing it. Every query is scoped by the tenant passed in.
public struct ItemCatalogue: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Creates or replaces the item `sku`. Sending the same details again changes nothing
    /// (not even `updatedAt`), so feeds can resend their whole catalogue cheaply.
    public func upsert(tenantID: UUID, sku: String, details: ItemDetails) async throws -> Recorded<Item> {
        let sku = try FieldText.required(sku, field: "sku")
        let details = try details.validated()
        let rows = try await pool.query(
            """
            INSERT INTO items AS i (
                tenant_id, sku, name, category_path, brand, price_minor, currency, attributes, active)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
            ON CONFLICT (tenant_id, sku) DO UPDATE SET
                name = EXCLUDED.name, category_path = EXCLUDED.category_path, brand = EXCLUDED.brand,
                price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency, attributes = EXCLUDED.attributes,
                active = EXCLUDED.active, updated_at = now()
            WHERE (i.name, i.category_path, i.brand, i.price_minor, i.currency, i.attributes, i.active)
                IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.category_path, EXCLUDED.brand, EXCLUDED.price_minor,
                    EXCLUDED.currency, EXCLUDED.attributes, EXCLUDED.active)
            RETURNING \(Self.columns), (xmax = 0) AS created
            """,
            [
                tenantID, sku, details.name, details.categoryPath, details.brand, details.priceMinor, details.currency,
                PostgresJSON(details.attributesJSON), details.active,
            ])
        if let row = rows.first {
            return Recorded(value: try Self.item(from: row), created: try row.decode(Bool.self, column: "created"))
        }
        return Recorded(value: try await find(tenantID: tenantID, sku: sku), created: false)
    }

    public func find(tenantID: UUID, sku: String) async throws -> Item {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM items WHERE tenant_id = $1 AND sku = $2", [tenantID, sku])
        guard let row = rows.first else { throw DomainError.notFound(resource: "item", id: sku) }
        return try Self.item(from: row)
    }

    /// Items in SKU order after `afterSKU`, optionally only those with `category` at any
    /// level of their path, or only active (or inactive) ones.
    public func list(
        tenantID: UUID, afterSKU: String?, category: String?, active: Bool?, limit: Int
    ) async throws -> ItemPage {
        let limit = min(max(limit, 1), 500)
        let rows = try await pool.query(
            """
            SELECT \(Self.columns) FROM items
            WHERE tenant_id = $1 AND ($2::text IS NULL OR sku > $2)
              AND ($3::text IS NULL OR $3 = ANY (category_path)) AND ($4::boolean IS NULL OR active = $4)
            ORDER BY sku LIMIT $5
            """, [tenantID, afterSKU, category, active, limit + 1])
        let items = try rows.prefix(limit).map(Self.item(from:))
        return ItemPage(items: items, nextAfterSKU: rows.count > limit ? items.last?.sku : nil)
    }

    private static let columns =
        "sku, name, category_path, brand, price_minor, currency, attributes::text AS attributes, active, "
        + "created_at, updated_at"

    private static func item(from row: PostgresRow) throws -> Item {
        Item(
            sku: try row.decode(String.self, column: "sku"),
            details: ItemDetails(
                name: try row.decode(String.self, column: "name"),
                categoryPath: try row.decode([String].self, column: "category_path"),
                brand: try row.decode(String?.self, column: "brand"),
                priceMinor: try row.decode(Int64?.self, column: "price_minor"),
                currency: try row.decode(String?.self, column: "currency"),
                attributesJSON: try row.decode(String.self, column: "attributes"),
                active: try row.decode(Bool.self, column: "active")),
            createdAt: try row.decode(Date.self, column: "created_at"),
            updatedAt: try row.decode(Date.self, column: "updated_at"))
    }
}
