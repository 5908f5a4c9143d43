import AtelierPostgres
import Foundation

/// The whole single customer view in one statement: one snapshot (a statement sees one
/// consistent state, so no transaction is needed) and one round trip, which is what a
/// profile read at thousands of requests per second costs most. Each part is aggregated
/// into parallel arrays by a lateral subquery.
struct ProfileViewQuery {
    /// How the live profile is found: by any of its profile ids, or by an identifier.
    enum Target {
        case profile(UUID)
        case identifier(Identifier)
    }

    let tenantID: UUID
    let connection: PostgresConnection

    /// The view, or nil when the target does not exist in this tenant.
    func view(of target: Target) async throws -> ProfileView? {
        let targetSQL: String
        let parameters: [any PostgresEncodable]
        switch target {
        case .profile(let id):
            targetSQL = "SELECT profile_id AS requested_id, canonical_id FROM profiles WHERE tenant_id = $1 AND profile_id = $2::uuid"
            parameters = [tenantID, id]
        case .identifier(let identifier):
            targetSQL = """
                SELECT NULL::uuid AS requested_id, p.canonical_id FROM profile_identifiers i
                JOIN profiles p ON p.tenant_id = i.tenant_id AND p.profile_id = i.profile_id
                WHERE i.tenant_id = $1 AND i.type = $2 AND i.value = $3
                """
            parameters = [tenantID, identifier.type, identifier.value]
        }
        let rows = try await connection.query(Self.sql(target: targetSQL), parameters)
        guard let row = rows.first else { return nil }
        return try Self.view(from: row)
    }

    private static func view(from row: PostgresRow) throws -> ProfileView {
        let canonical = try row.decode(UUID.self, column: "canonical_id")
        let requested = try row.decode(UUID?.self, column: "requested_id")
        let identifiers = try zip4(
            row.decode([String].self, column: "identifier_types"), row.decode([String].self, column: "identifier_values"),
            row.decode([UUID].self, column: "identifier_owners"), row.decode([Date].self, column: "identifier_seen")
        ).map { ProfileIdentifier(identifier: Identifier(type: $0, value: $1), profileID: $2, firstSeenAt: $3) }
        let traits = try zip4(
            row.decode([String].self, column: "trait_keys"), row.decode([String].self, column: "trait_values"),
            row.decode([String].self, column: "trait_sources"), row.decode([Date].self, column: "trait_times")
        ).map { ProfileTrait(key: $0, value: $1, source: $2, updatedAt: $3) }
        let channels = try zip4(
            row.decode([String].self, column: "channel_names"), row.decode([Date].self, column: "channel_first"),
            row.decode([Date].self, column: "channel_last"), row.decode([Int].self, column: "channel_events")
        ).map { ChannelActivity(channel: $0, firstSeenAt: $1, lastSeenAt: $2, events: $3) }
        let experience = ExperienceSummary.from(
            events: try row.decode([String].self, column: "experience_events"),
            times: try row.decode([Date].self, column: "experience_times"),
            complaintIDs: try row.decode([String?].self, column: "experience_complaints"),
            scores: try row.decode([Double?].self, column: "experience_scores"),
            properties: try row.decode([String].self, column: "experience_properties"))
        return ProfileView(
            id: canonical, requestedID: requested == canonical ? nil : requested,
            profileIDs: try row.decode([UUID].self, column: "members"),
            createdAt: try row.decode(Date.self, column: "created_at"), identifiers: identifiers, traits: traits,
            channels: channels, experience: experience, purchases: nil)
    }

    private static func zip4<A, B, C, D>(_ a: [A], _ b: [B], _ c: [C], _ d: [D]) -> [(A, B, C, D)] {
        (0..<min(a.count, b.count, c.count, d.count)).map { (a[$0], b[$0], c[$0], d[$0]) }
    }

    private static func sql(target: String) -> String {
        """
        WITH target AS (\(target)),
        members AS (
            SELECT m.profile_id, m.created_at FROM target t
            JOIN profiles m ON m.tenant_id = $1 AND m.canonical_id = t.canonical_id
        )
        SELECT t.requested_id, t.canonical_id,
            (SELECT created_at FROM members WHERE profile_id = t.canonical_id) AS created_at,
            (SELECT array_agg(profile_id ORDER BY profile_id <> t.canonical_id, created_at, profile_id) FROM members) AS members,
            ids.*, traits.*, channels.*, experience.*
        FROM target t
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(type ORDER BY type, value), '{}') AS identifier_types,
                coalesce(array_agg(value ORDER BY type, value), '{}') AS identifier_values,
                coalesce(array_agg(profile_id ORDER BY type, value), '{}') AS identifier_owners,
                coalesce(array_agg(first_seen_at ORDER BY type, value), '{}') AS identifier_seen
            FROM profile_identifiers WHERE tenant_id = $1 AND profile_id IN (SELECT profile_id FROM members)
        ) ids
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(key ORDER BY key), '{}') AS trait_keys,
                coalesce(array_agg(value::text ORDER BY key), '{}') AS trait_values,
                coalesce(array_agg(source ORDER BY key), '{}') AS trait_sources,
                coalesce(array_agg(updated_at ORDER BY key), '{}') AS trait_times
            FROM (
                SELECT DISTINCT ON (key) key, value, source, updated_at FROM profile_traits
                WHERE tenant_id = $1 AND profile_id IN (SELECT profile_id FROM members)
                ORDER BY key, updated_at DESC
            ) newest
        ) traits
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(channel ORDER BY channel), '{}') AS channel_names,
                coalesce(array_agg(first_seen ORDER BY channel), '{}') AS channel_first,
                coalesce(array_agg(last_seen ORDER BY channel), '{}') AS channel_last,
                coalesce(array_agg(events ORDER BY channel), '{}') AS channel_events
            FROM (
                SELECT channel, min(first_seen_at) AS first_seen, max(last_seen_at) AS last_seen, sum(events) AS events
                FROM profile_channels WHERE tenant_id = $1 AND profile_id IN (SELECT profile_id FROM members)
                GROUP BY channel
            ) seen
        ) channels
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(event ORDER BY occurred_at DESC), '{}') AS experience_events,
                coalesce(array_agg(occurred_at ORDER BY occurred_at DESC), '{}') AS experience_times,
                coalesce(array_agg(complaint_id ORDER BY occurred_at DESC), '{}') AS experience_complaints,
                coalesce(array_agg(score ORDER BY occurred_at DESC), '{}') AS experience_scores,
                coalesce(array_agg(properties::text ORDER BY occurred_at DESC), '{}') AS experience_properties
            FROM (
                SELECT event, occurred_at, properties,
                    coalesce(properties->>'complaintId', properties->>'complaint_id') AS complaint_id,
                    CASE WHEN jsonb_typeof(properties->'score') = 'number' THEN (properties->>'score')::float8 END AS score
                FROM events
                WHERE tenant_id = $1 AND profile_id IN (SELECT profile_id FROM members)
                  AND event IN ('NPS Submitted', 'Complaint Opened', 'Complaint Resolved', 'Complaint Closed')
                ORDER BY occurred_at DESC LIMIT \(ExperienceSummary.window)
            ) recent
        ) experience
        """
    }
}
