import AtelierPostgres
import Foundation

/// The keyed hashes of identifiers erased on request, checked on every write that attaches
/// facts to profiles (tracking calls, orders) inside the write's own transaction.
///
/// One statement per batch: it hashes the batch's identifiers under the tenant's secret (in
/// SQL, so the secret stays in the database), finds those on the list, counts the refused or
/// dropped calls on their entries, and takes a transaction id so a concurrent erasure's fence
/// waits for this transaction (see `TransactionFence`).
enum SuppressionList {
    struct Screening {
        var mode: SuppressionMode
        /// Item position → the type of its first suppressed identifier.
        var hits: [Int: String]
    }

    /// Which of `items` (each the identifiers of one call or order) name a suppressed identifier.
    static func screen(tenantID: UUID, items: [[Identifier]], on connection: PostgresConnection) async throws
        -> Screening
    {
        guard items.contains(where: { !$0.isEmpty }) else { return Screening(mode: .refuse, hits: [:]) }
        var positions: [Int] = []
        var types: [String] = []
        var values: [String] = []
        for (position, identifiers) in items.enumerated() {
            for identifier in identifiers {
                positions.append(position)
                types.append(identifier.type)
                values.append(identifier.value)
            }
        }
        let rows = try await connection.query(
            """
            WITH input AS (
                SELECT u.item, u.type,
                    privacy_keyed_hash(k.inner_pad, k.outer_pad, privacy_identity_digest(u.type, u.value)) AS key_hash
                FROM unnest($2::int[], $3::text[], $4::text[]) AS u(item, type, value)
                JOIN tenant_secrets k ON k.tenant_id = $1
            ), hits AS (
                SELECT i.item, i.type, i.key_hash FROM input i
                JOIN suppressed_identifiers s ON s.tenant_id = $1 AND s.key_hash = i.key_hash
            ), mode AS (
                SELECT coalesce((SELECT suppression_mode FROM privacy_settings WHERE tenant_id = $1), 'refuse') AS mode
            ), counted AS (
                UPDATE suppressed_identifiers s SET
                    refused_calls = s.refused_calls + CASE WHEN m.mode = 'refuse' THEN c.calls ELSE 0 END,
                    dropped_calls = s.dropped_calls + CASE WHEN m.mode = 'drop' THEN c.calls ELSE 0 END,
                    last_refused_at = now()
                FROM (SELECT key_hash, count(DISTINCT item) AS calls FROM hits GROUP BY key_hash) c, mode m
                WHERE s.tenant_id = $1 AND s.key_hash = c.key_hash
            )
            SELECT pg_current_xact_id()::text AS transaction_id, (SELECT mode FROM mode) AS mode,
                coalesce((SELECT array_agg(item ORDER BY item, type) FROM hits), '{}') AS items,
                coalesce((SELECT array_agg(type ORDER BY item, type) FROM hits), '{}') AS types
            """, [tenantID, positions, types, values])
        guard let row = rows.first else { return Screening(mode: .refuse, hits: [:]) }
        var hits: [Int: String] = [:]
        for (item, type) in zip(
            try row.decode([Int].self, column: "items"), try row.decode([String].self, column: "types"))
        where hits[item] == nil {
            hits[item] = type
        }
        return Screening(
            mode: SuppressionMode(rawValue: try row.decode(String.self, column: "mode")) ?? .refuse, hits: hits)
    }

    /// The refusal of an order whose customer `identifiers` (sent as `fields`) include a
    /// suppressed one; nil when none does. Orders are refused whatever the tenant's mode: an
    /// order answers with the fact it stored, and there is none to show.
    static func refusal(
        tenantID: UUID, identifiers: [Identifier], fields: [String], on connection: PostgresConnection
    ) async throws -> SuppressedIdentifier? {
        let screening = try await screen(tenantID: tenantID, items: [identifiers], on: connection)
        guard let type = screening.hits[0] else { return nil }
        let field = zip(identifiers, fields).first { $0.0.type == type }?.1 ?? "/customer"
        return SuppressedIdentifier(field: field, identifierType: type)
    }
}

extension SuppressionList.Screening {
    /// Splits prepared tracking calls into those to store and those suppressed: refused (with a
    /// rejection naming the field) or dropped, as the tenant chose. The message ids of both
    /// are to be released, so nothing about them stays.
    func partition(_ events: [PreparedEvent]) -> (
        kept: [PreparedEvent], rejections: [IngestionResult.Rejection], released: [String], dropped: Int
    ) {
        guard !hits.isEmpty else { return (events, [], [], 0) }
        var kept: [PreparedEvent] = []
        var rejections: [IngestionResult.Rejection] = []
        var released: [String] = []
        for (position, event) in events.enumerated() {
            guard let type = hits[position] else {
                kept.append(event)
                continue
            }
            released.append(event.call.messageID)
            if mode == .refuse {
                let field = event.call.identifiers.first { $0.type == type }?.field ?? ""
                let refusal = SuppressedIdentifier(field: field, identifierType: type)
                rejections.append(
                    IngestionResult.Rejection(
                        index: event.index, field: field,
                        detail:
                            "The \(type) in '\(field)' belongs to a customer erased on request; this call is refused.",
                        reason: .suppressed(refusal)))
            }
        }
        return (kept, rejections, released, mode == .drop ? events.count - kept.count : 0)
    }
}
