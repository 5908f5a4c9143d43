import AtelierPostgres
import Foundation

/// Reads what the recommender learns from, on the `analytics` pool only, through the functions
/// of migration 0011 that leave out every profile objecting to analytics (decided once per
/// profile). Pairs stream through a cursor, a page at a time, so a tenant's interactions never
/// sit in one result; memory holds the `InteractionTable` being built.
struct InteractionReader: Sendable {
    let pools: PersonalDataPools
    var pageSize = 50_000

    /// When the first and last interaction visible for analytics happened; nil when none is.
    func window(tenantID: UUID) async throws -> (first: Date, last: Date)? {
        let row = try await pools.pool(for: .analytics).query(
            "SELECT first_at, last_at FROM recommender_interaction_window($1)", [tenantID]
        ).first
        guard let row, let first = try row.decode(Date?.self, column: "first_at"),
            let last = try row.decode(Date?.self, column: "last_at")
        else { return nil }
        return (first, last)
    }

    /// Every (person, item) pair with its weights on each side of `cutoff`, canonicalised.
    func interactions(tenantID: UUID, cutoff: Date) async throws -> InteractionTable {
        var table = InteractionTable()
        try await pools.pool(for: .analytics).transaction { connection in
            // Training reads the whole tenant: the per-statement timeout guards requests, not this.
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.execute(
                "DECLARE pairs NO SCROLL CURSOR FOR SELECT * FROM recommender_interactions($1, $2)", [tenantID, cutoff])
            while true {
                let rows = try await connection.query("FETCH \(pageSize) FROM pairs")
                for row in rows {
                    let counts = try (2...7).map { try row.decode(Int32.self, at: $0) }
                    let before = InteractionCounts(purchases: counts[0], carts: counts[2], views: counts[1])
                    let after = InteractionCounts(purchases: counts[3], carts: counts[5], views: counts[4])
                    guard !(before + after).isEmpty else { continue }
                    table.append(
                        person: try row.decode(UUID.self, at: 0), sku: try row.decode(String.self, at: 1), before: before,
                        after: after)
                }
                if rows.count < pageSize { break }
            }
        }
        table.canonicalize()
        return table
    }
}
