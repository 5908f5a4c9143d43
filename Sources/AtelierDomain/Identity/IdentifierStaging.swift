import AtelierPostgres
import Foundation

/// Looks up the identifiers of thousands of prepared calls at once: copied into a staging
/// table (dropped at commit), joined with the owners, blocked values and suppression list in
/// one statement, and answered with one verdict per call.
enum IdentifierStaging {
    enum Verdict: Equatable {
        /// Every identifier is known and all belong to one live profile: the original profile
        /// of the strongest identifier, which `IdentityGraph` would attach the call to.
        case known(UUID)
        /// No identifier is known yet, and none is blocked or erased.
        case unknown
        /// Blocked, erased, partly known or linking several profiles: resolve one by one.
        case divert
    }

    /// One verdict per call of `events`, by position; each call's identifiers strongest first.
    static func lookup(tenantID: UUID, events: [PreparedEvent], on connection: PostgresConnection) async throws
        -> [Verdict]
    {
        var verdicts = [Verdict](repeating: .divert, count: events.count)
        guard !events.isEmpty else { return verdicts }
        try await connection.execute(
            """
            CREATE TEMPORARY TABLE import_identifiers (position int NOT NULL, rank int NOT NULL, type text NOT NULL,
                value text NOT NULL) ON COMMIT DROP
            """)
        try await connection.copyFrom(
            "COPY import_identifiers (position, rank, type, value) FROM STDIN",
            rows: events.enumerated().lazy.flatMap { position, event in
                event.identifiers.enumerated().map { rank, identifier in
                    [String(position), String(rank), identifier.type, identifier.value]
                }
            })
        try await connection.execute("ANALYZE import_identifiers")
        var erased: Set<Int> = []
        for row in try await connection.query(Self.erasedSQL, [tenantID]) {
            erased.insert(try row.decode(Int.self, column: "position"))
        }
        for row in try await connection.query(Self.verdictSQL, [tenantID]) {
            let position = try row.decode(Int.self, column: "position")
            let total = try row.decode(Int.self, column: "total")
            let unknown = try row.decode(Int.self, column: "unknown")
            let refused = try row.decode(Bool.self, column: "refused")
            if refused || erased.contains(position) {
                verdicts[position] = .divert
            } else if unknown == total {
                verdicts[position] = .unknown
            } else if unknown == 0, try row.decode(Int.self, column: "profiles") == 1,
                let anchor = try row.decode(UUID?.self, column: "anchor")
            {
                verdicts[position] = .known(anchor)
            }
        }
        return verdicts
    }

    /// Calls naming an identifier erased on request. Hashing every identifier costs more than
    /// the rest of the lookup, so it runs only when the tenant has erased someone.
    private static let erasedSQL = """
        SELECT DISTINCT s.position FROM import_identifiers s
        JOIN tenant_secrets k ON k.tenant_id = $1
        JOIN suppressed_identifiers x ON x.tenant_id = $1
            AND x.key_hash = privacy_keyed_hash(k.inner_pad, k.outer_pad, privacy_identity_digest(s.type, s.value))
        WHERE EXISTS (SELECT 1 FROM suppressed_identifiers WHERE tenant_id = $1)
        """

    private static let verdictSQL = """
        WITH looked AS (
            SELECT s.position, s.rank, i.profile_id AS owner, p.canonical_id, (b.value IS NOT NULL) AS refused
            FROM import_identifiers s
            LEFT JOIN profile_identifiers i ON i.tenant_id = $1 AND i.type = s.type AND i.value = s.value
            LEFT JOIN profiles p ON p.tenant_id = $1 AND p.profile_id = i.profile_id
            LEFT JOIN blocked_identifiers b ON b.tenant_id = $1 AND b.type = s.type AND b.value = s.value
        )
        SELECT position, bool_or(refused) AS refused, count(*) AS total,
            count(*) FILTER (WHERE owner IS NULL) AS unknown, count(DISTINCT canonical_id) AS profiles,
            (array_agg(owner ORDER BY rank) FILTER (WHERE owner IS NOT NULL))[1] AS anchor
        FROM looked GROUP BY position
        """
}
