import AtelierPostgres
import Foundation

/// The first statement of every ingestion transaction: claims the batch's message ids and
/// reads the tenant's identity configuration in one round trip (single calls are dominated
/// by round trips, each a hop to the connection's thread and back).
struct BatchPreamble {
    var normaliser: IdentifierNormaliser
    var rules: IdentityRules
    /// The message ids not stored before; the others are duplicates.
    var claimed: Set<String>

    /// Claims `messageIDs` in sorted order, so concurrent batches wait on each other in one
    /// direction only; a transaction holding an id makes a concurrent duplicate wait for its
    /// outcome.
    static func load(tenantID: UUID, messageIDs: [String], on connection: PostgresConnection) async throws
        -> BatchPreamble
    {
        let rows = try await connection.query(
            """
            WITH claimed AS (
                INSERT INTO event_message_ids (tenant_id, message_id)
                SELECT $1, id FROM unnest($2::text[]) AS u(id)
                ON CONFLICT DO NOTHING
                RETURNING message_id
            )
            SELECT (SELECT default_phone_region FROM tenant_settings WHERE tenant_id = $1) AS region,
                (SELECT coalesce(array_agg(message_id), '{}') FROM claimed) AS claimed,
                r.type, r.priority, r.max_per_profile
            FROM (VALUES (1)) AS one (n) LEFT JOIN identity_rules r ON r.tenant_id = $1
            """, [tenantID, messageIDs.sorted()])
        var overrides: [IdentityRule] = []
        for row in rows where !row.isNull("type") {
            overrides.append(try IdentityRuleStore.rule(from: row))
        }
        return BatchPreamble(
            normaliser: IdentifierNormaliser(defaultPhoneRegion: try rows.first?.decode(String?.self, column: "region") ?? "FR"),
            rules: IdentityRules(overrides: overrides),
            claimed: Set(try rows.first?.decode([String].self, column: "claimed") ?? []))
    }

    /// Gives back ids claimed by calls that were then refused, so a corrected retry is stored.
    static func release(_ messageIDs: [String], tenantID: UUID, on connection: PostgresConnection) async throws {
        guard !messageIDs.isEmpty else { return }
        try await connection.execute(
            "DELETE FROM event_message_ids WHERE tenant_id = $1 AND message_id = ANY($2::text[])", [tenantID, messageIDs])
    }
}
