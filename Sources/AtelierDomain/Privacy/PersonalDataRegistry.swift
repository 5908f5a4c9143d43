import AtelierPostgres
import Foundation

/// Every table that holds personal data, in the order erasure empties them (rows that point
/// at others first). Erasure and exports are driven by this list alone, and
/// `PersonalDataRegistryTests` fails when a table of the migrated schema with a profile
/// column is missing from it: a new table of personal data must be registered here, saying
/// how it is erased and exported.
///
/// Not listed: `blocked_identifiers`, the tenant's shared values (an in-store tablet, a test
/// address), which name no one; erasure neither deletes nor suppresses them.
public enum PersonalDataRegistry {
    public static let tables: [PersonalDataTable] = [
        // Before events: found through the events' message ids.
        PersonalDataTable(name: "event_message_ids", exportQuery: nil) { scope, connection in
            try await connection.execute(
                """
                DELETE FROM event_message_ids m WHERE m.tenant_id = $1 AND m.message_id IN (
                    SELECT e.message_id FROM events e WHERE e.tenant_id = $1 AND e.profile_id = ANY($2::uuid[]))
                """, [scope.tenantID, scope.profileIDs])
        },
        .byProfile("events", orderBy: "occurred_at, event_id"),
        .byProfile("return_lines", orderBy: "return_id, line_id"),
        .byProfile("returns", orderBy: "occurred_at, return_id"),
        .byProfile("order_lines", orderBy: "order_id, position"),
        .byProfile("orders", orderBy: "occurred_at, order_id"),
        .byProfile("profile_traits", orderBy: "key"),
        .byProfile("profile_channels", orderBy: "channel"),
        // Merges touching the subject's profiles, or made through one of their identifiers.
        PersonalDataTable(
            name: "profile_merges",
            exportQuery: """
                SELECT * FROM profile_merges
                WHERE tenant_id = $1 AND (survivor_id = ANY($2::uuid[]) OR absorbed_id = ANY($2::uuid[]))
                ORDER BY created_at, merge_id
                """
        ) { scope, connection in
            try await connection.execute(
                """
                DELETE FROM profile_merges WHERE tenant_id = $1 AND (survivor_id = ANY($2::uuid[])
                    OR absorbed_id = ANY($2::uuid[]) OR absorbed_members && $2::uuid[]
                    OR (identifier_type, identifier_value) IN (SELECT * FROM unnest($3::text[], $4::text[])))
                """, [scope.tenantID, scope.profileIDs, scope.identifiers.map(\.type), scope.identifiers.map(\.value)])
        },
        // Refusals of the subject's profiles, naming them, or naming one of their identifiers.
        PersonalDataTable(
            name: "merge_refusals",
            exportQuery: """
                SELECT * FROM merge_refusals WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
                ORDER BY created_at, identifier_type, identifier_value
                """
        ) { scope, connection in
            try await connection.execute(
                """
                DELETE FROM merge_refusals WHERE tenant_id = $1 AND (profile_id = ANY($2::uuid[])
                    OR other_profile_id = ANY($2::uuid[])
                    OR (identifier_type, identifier_value) IN (SELECT * FROM unnest($3::text[], $4::text[])))
                """, [scope.tenantID, scope.profileIDs, scope.identifiers.map(\.type), scope.identifiers.map(\.value)])
        },
        // Replayable responses (orders answer with their profile id) naming a profile or an
        // identifier of the subject, in clear or JSON-escaped.
        PersonalDataTable(name: "idempotency_keys", exportQuery: nil) { scope, connection in
            try await connection.execute(
                """
                DELETE FROM idempotency_keys k WHERE k.tenant_id = $1 AND k.response_body IS NOT NULL AND EXISTS (
                    SELECT 1 FROM unnest($2::uuid[]::text[] || $3::text[]
                        || ARRAY(SELECT btrim(to_json(v)::text, '"') FROM unnest($3::text[]) AS j(v))) AS n(needle)
                    WHERE position(privacy_utf8(n.needle) IN k.response_body) > 0)
                """, [scope.tenantID, scope.profileIDs, scope.identifiers.map(\.value)])
        },
        // After the restrictions: lifting one refreshes the set's consent decisions.
        .byProfile("processing_restrictions", orderBy: "profile_id"),
        // The ledger leaves a proof record behind, keyed by an HMAC of the profile id (tenant
        // secret) and holding no identifier or raw proof: the legal record that each choice
        // was made and honoured, which the law asks to keep.
        PersonalDataTable(
            name: "consent_events",
            exportQuery:
                "SELECT * FROM consent_events WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) ORDER BY occurred_at, consent_id"
        ) { scope, connection in
            try await connection.execute(
                """
                INSERT INTO consent_proof_records (tenant_id, subject_key, consent_id, purpose, granted, source,
                    policy_version, proof_format, proof_sha256, occurred_at, recorded_at)
                SELECT e.tenant_id, privacy_keyed_hash(k.inner_pad, k.outer_pad, e.profile_id::text), e.consent_id,
                    e.purpose, e.granted, e.source, e.policy_version, e.proof_format,
                    sha256(convert_to(e.proof, 'UTF8')), e.occurred_at, e.recorded_at
                FROM consent_events e JOIN tenant_secrets k ON k.tenant_id = e.tenant_id
                WHERE e.tenant_id = $1 AND e.profile_id = ANY($2::uuid[])
                ON CONFLICT DO NOTHING
                """, [scope.tenantID, scope.profileIDs])
            return try await connection.execute(
                "DELETE FROM consent_events WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])",
                [scope.tenantID, scope.profileIDs])
        },
        .byProfile("consent_states", orderBy: "purpose"),
        .byProfile("consent_decisions", orderBy: "purpose"),
        .byProfile("consent_permissions", orderBy: "purpose"),
        .byProfile("profile_scores", orderBy: "kind, version"),
        // A person's history and ALS factors in each kept recommender version: serving reads
        // them per request, so once deleted no answer uses them.
        .byProfile("recommender_profiles", orderBy: "version"),
        .byProfile("cluster_assignments", orderBy: "version"),
        .byProfile("segment_memberships", orderBy: "segment_id, entered_at"),
        .byProfile("profile_identifiers", orderBy: "type, value"),
        .byProfile("profiles", orderBy: "created_at, profile_id"),
    ]

    /// The tables holding the per-person values of a model (rather than facts about the
    /// person), by the model kind they belong to: an erasure that removed rows from one names
    /// the model in its receipt.
    public static let modelValueTables: [String: ModelKind] = [
        "recommender_profiles": .recommender, "cluster_assignments": .segmentation,
    ]

    /// The model kinds whose per-person values an erasure removed, given its rows per table.
    static func modelsAffected(by counts: [String: Int]) -> [String] {
        modelValueTables.filter { (counts[$0.key] ?? 0) > 0 }.map(\.value.rawValue).sorted()
    }

    /// The registered table names.
    public static var tableNames: [String] { tables.map(\.name) }

    /// Erases the subject of `scope` from every table; the rows removed, by table, in
    /// registry order. Runs in the caller's transaction.
    static func erase(_ scope: PersonalDataScope, on connection: PostgresConnection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table.name] = try await table.erase(scope, connection)
        }
        return counts
    }
}
