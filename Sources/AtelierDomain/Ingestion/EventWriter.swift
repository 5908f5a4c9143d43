import AtelierPostgres
import Foundation

/// Writes a batch of attached events and what they tell about their profiles (channels
/// seen, traits) in one statement of three data-modifying parts: one round trip whatever
/// the batch size.
struct EventWriter {
    let tenantID: UUID
    let connection: PostgresConnection

    func write(_ events: [PreparedEvent]) async throws {
        guard !events.isEmpty else { return }
        let calls = events.map(\.call)
        let channels = Self.channelRows(events)
        let traits = Self.traitRows(events)
        try await connection.execute(
            """
            WITH stored_events AS (
                INSERT INTO events (tenant_id, profile_id, event_id, message_id, type, event, occurred_at, received_at,
                    sent_at, original_timestamp, channel, user_id, anonymous_id, previous_id, group_id,
                    properties, traits, context, integrations)
                SELECT $1, u.profile_id, gen_random_uuid(), u.message_id, u.type, u.event, u.occurred_at, u.received_at,
                    u.sent_at, u.original_timestamp, u.channel, u.user_id, u.anonymous_id, u.previous_id, u.group_id,
                    u.properties, u.traits, u.context, u.integrations
                FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::timestamptz[],
                    $9::timestamptz[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                    $15::jsonb[], $16::jsonb[], $17::jsonb[], $18::jsonb[], $2::timestamptz[])
                    AS u(profile_id, message_id, type, event, occurred_at, sent_at, original_timestamp, channel,
                        user_id, anonymous_id, previous_id, group_id, properties, traits, context, integrations,
                        received_at)
            ), stored_channels AS (
                INSERT INTO profile_channels (tenant_id, profile_id, channel, first_seen_at, last_seen_at, events)
                SELECT $1, profile_id, channel, first_seen, last_seen, events
                FROM unnest($19::uuid[], $20::text[], $21::timestamptz[], $22::timestamptz[], $23::bigint[])
                    AS u(profile_id, channel, first_seen, last_seen, events)
                ON CONFLICT (tenant_id, profile_id, channel) DO UPDATE SET
                    first_seen_at = least(profile_channels.first_seen_at, excluded.first_seen_at),
                    last_seen_at = greatest(profile_channels.last_seen_at, excluded.last_seen_at),
                    events = profile_channels.events + excluded.events
            )
            INSERT INTO profile_traits (tenant_id, profile_id, key, value, source, updated_at)
            SELECT $1, profile_id, key, value, source, updated_at
            FROM unnest($24::uuid[], $25::text[], $26::jsonb[], $27::text[], $28::timestamptz[])
                AS u(profile_id, key, value, source, updated_at)
            ON CONFLICT (tenant_id, profile_id, key) DO UPDATE SET
                value = excluded.value, source = excluded.source, updated_at = excluded.updated_at
            WHERE profile_traits.updated_at <= excluded.updated_at
            """,
            [
                tenantID, events.map(\.receivedAt), events.map(\.profileID), calls.map(\.messageID), calls.map(\.type.rawValue),
                calls.map(\.event), events.map(\.occurredAt), calls.map(\.sentAt), calls.map(\.timestamp),
                calls.map(\.channel), calls.map(\.userID), calls.map(\.anonymousID), calls.map(\.previousID),
                calls.map(\.groupID), calls.map { PostgresJSON($0.properties) }, calls.map { PostgresJSON($0.traits) },
                calls.map { PostgresJSON($0.context) }, calls.map { PostgresJSON($0.integrations) },
                channels.map(\.profile), channels.map(\.channel), channels.map(\.first), channels.map(\.last),
                channels.map(\.count), traits.map(\.profile), traits.map(\.key), traits.map { PostgresJSON($0.value) },
                traits.map(\.source), traits.map(\.at),
            ])
    }

    private struct ChannelRow {
        var profile: UUID
        var channel: String
        var first: Date
        var last: Date
        var count: Int
    }

    private struct TraitRow {
        var profile: UUID
        var key: String
        var value: String
        var source: String
        var at: Date
    }

    /// One row per (profile, channel), aggregated first: a multi-row upsert may not touch a
    /// row twice, and sorted keys keep concurrent batches from deadlocking.
    private static func channelRows(_ events: [PreparedEvent]) -> [ChannelRow] {
        struct Key: Hashable { var profile: UUID; var channel: String }
        var seen: [Key: ChannelRow] = [:]
        for event in events {
            let key = Key(profile: event.profileID, channel: event.call.channel)
            var row = seen[key] ?? ChannelRow(
                profile: key.profile, channel: key.channel, first: event.occurredAt, last: event.occurredAt, count: 0)
            row.first = min(row.first, event.occurredAt)
            row.last = max(row.last, event.occurredAt)
            row.count += 1
            seen[key] = row
        }
        return seen.values.sorted { ($0.profile, $0.channel) < ($1.profile, $1.channel) }
    }

    /// Last write wins by event time, so a late-arriving old identify never overwrites a
    /// newer value.
    private static func traitRows(_ events: [PreparedEvent]) -> [TraitRow] {
        struct Key: Hashable { var profile: UUID; var key: String }
        var newest: [Key: TraitRow] = [:]
        for event in events {
            for (key, value) in event.call.profileTraits {
                let slot = Key(profile: event.profileID, key: key)
                if let current = newest[slot], current.at > event.occurredAt { continue }
                newest[slot] = TraitRow(profile: event.profileID, key: key, value: value, source: event.call.channel, at: event.occurredAt)
            }
        }
        return newest.values.sorted { ($0.profile, $0.key) < ($1.profile, $1.key) }
    }
}
