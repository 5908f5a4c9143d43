import AtelierPostgres
import Foundation

/// Reads what score models learn from, always on the `analytics` pool, through the functions of
/// migration 0009 that only that purpose may execute and that leave out every profile objecting
/// to analytics (decided once per profile), so it is never learnt from nor scored. Snapshots
/// stream through a cursor, so a million persons never sit in one result.
struct FeatureReader: Sendable {
    let pools: PersonalDataPools
    var pageSize = 50_000

    /// Feature set v1 of every visible person as of `cutoff` (facts strictly before it).
    func snapshot(tenantID: UUID, asOf cutoff: Date) async throws -> FeatureSnapshot {
        var snapshot = FeatureSnapshot(asOf: cutoff, profileIDs: [], rows: [])
        let width = ProfileFeatureSet.names.count
        try await pools.pool(for: .analytics).transaction { connection in
            // Training reads the whole tenant: the per-statement timeout guards requests, not this.
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.execute(
                "DECLARE features NO SCROLL CURSOR FOR SELECT * FROM \(ProfileFeatureSet.function)($1, $2)",
                [tenantID, cutoff])
            while true {
                let rows = try await connection.query("FETCH \(pageSize) FROM features")
                for row in rows {
                    snapshot.profileIDs.append(try row.decode(UUID.self, at: 0))
                    var values = [Double](repeating: 0, count: width)
                    for column in 0..<width { values[column] = try row.decode(Double.self, at: column + 1) }
                    snapshot.rows.append(values)
                }
                if rows.count < pageSize { break }
            }
        }
        return snapshot
    }

    /// The persons (live profiles) with an order in `[from, until)`.
    func buyers(tenantID: UUID, from: Date, until: Date) async throws -> Set<UUID> {
        let rows = try await pools.pool(for: .analytics).query(
            "SELECT DISTINCT person FROM analytics_orders($1, $2, $3)", [tenantID, from, until])
        return Set(try rows.map { try $0.decode(UUID.self, at: 0) })
    }

    /// When the newest order visible for analytics happened, not after now: the end of the
    /// data a training learns from, so a rerun on the same facts trains the same model.
    func latestOrder(tenantID: UUID) async throws -> Date? {
        try await pools.pool(for: .analytics).query(
            "SELECT max(occurred_at) AS latest FROM analytics_orders($1, '-infinity', now())", [tenantID]
        ).first?.decode(Date?.self, column: "latest")
    }

    /// Purchase occasions per person and day (amounts in minor units, summed per day) before
    /// `until`, ordered by person then day; day 0 is the Unix epoch's.
    func purchaseDays(tenantID: UUID, until: Date) async throws -> [(person: UUID, day: Int, amount: Double)] {
        var days: [(person: UUID, day: Int, amount: Double)] = []
        try await pools.pool(for: .analytics).transaction { connection in
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.execute(
                """
                DECLARE occasions NO SCROLL CURSOR FOR
                SELECT person, floor(extract(epoch FROM occurred_at) / 86400)::int AS day, sum(total_minor)::float8 AS amount
                FROM analytics_orders($1, '-infinity', $2)
                GROUP BY 1, 2 ORDER BY 1, 2
                """, [tenantID, until])
            while true {
                let rows = try await connection.query("FETCH \(pageSize) FROM occasions")
                for row in rows {
                    days.append(
                        (try row.decode(UUID.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Double.self, at: 2)))
                }
                if rows.count < pageSize { break }
            }
        }
        return days
    }
}
