import AtelierPostgres
import Foundation

/// A profile's events across every profile merged into it, newest first, by keyset pages;
/// only events of profiles that permit `purpose` are visible.
public struct ProfileTimeline: Sendable {
    private let pools: PersonalDataPools

    public init(pools: PersonalDataPools) {
        self.pools = pools
    }

    public func page(tenantID: UUID, profileID: UUID, query: TimelineQuery, purpose: ReadPurpose) async throws
        -> TimelinePage
    {
        let limit = min(max(query.limit, 1), TimelineQuery.maximumLimit)
        return try await pools.pool(for: purpose).transaction(isolation: .repeatableRead) { connection in
            let members = try await ProfileReader.members(
                tenantID: tenantID, profileID: profileID, on: connection, purpose: purpose
            ).members
            let rows = try await connection.query(
                """
                SELECT event_id, profile_id, message_id, type, event, occurred_at, received_at, channel,
                    properties::text AS properties, traits::text AS traits, context::text AS context
                FROM events
                WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
                  AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR event = $4)
                  AND ($5::timestamptz IS NULL OR occurred_at >= $5) AND ($6::timestamptz IS NULL OR occurred_at < $6)
                  AND ($7::timestamptz IS NULL OR (occurred_at, event_id) < ($7, $8::uuid))
                ORDER BY occurred_at DESC, event_id DESC
                LIMIT $9
                """,
                [
                    tenantID, members, query.type?.rawValue, query.event, query.since, query.until,
                    query.cursor?.occurredAt, query.cursor?.id, limit + 1,
                ])
            var events = try rows.map(Self.event(from:))
            var next: TimeOrderedCursor?
            if events.count > limit {
                events.removeLast(events.count - limit)
                next = events.last.map { TimeOrderedCursor(occurredAt: $0.occurredAt, id: $0.id) }
            }
            return TimelinePage(events: events, nextCursor: next)
        }
    }

    private static func event(from row: PostgresRow) throws -> TimelineEvent {
        TimelineEvent(
            id: try row.decode(UUID.self, column: "event_id"), profileID: try row.decode(UUID.self, column: "profile_id"),
            messageID: try row.decode(String.self, column: "message_id"),
            type: TrackingCallType(rawValue: try row.decode(String.self, column: "type")) ?? .track,
            event: try row.decode(String?.self, column: "event"),
            occurredAt: try row.decode(Date.self, column: "occurred_at"),
            receivedAt: try row.decode(Date.self, column: "received_at"),
            channel: try row.decode(String.self, column: "channel"),
            properties: try row.decode(String.self, column: "properties"),
            traits: try row.decode(String.self, column: "traits"), context: try row.decode(String.self, column: "context"))
    }
}
