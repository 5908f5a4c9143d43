import Foundation

extension FeatureReader {
    /// Each visible person's share of items per top-level category, bought before `cutoff`
    /// (`analytics_category_shares`, migration 0012): the category mix segmentation clusters on.
    func categoryShares(tenantID: UUID, asOf cutoff: Date) async throws -> [UUID: [String: Double]] {
        var shares: [UUID: [String: Double]] = [:]
        try await pools.pool(for: .analytics).transaction { connection in
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.execute(
                "DECLARE shares NO SCROLL CURSOR FOR SELECT person, category, share FROM analytics_category_shares($1, $2)",
                [tenantID, cutoff])
            while true {
                let rows = try await connection.query("FETCH \(pageSize) FROM shares")
                for row in rows {
                    shares[try row.decode(UUID.self, at: 0), default: [:]][try row.decode(String.self, at: 1)] =
                        try row.decode(Double?.self, at: 2) ?? 0
                }
                if rows.count < pageSize { break }
            }
        }
        return shares
    }
}
