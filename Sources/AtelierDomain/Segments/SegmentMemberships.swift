import AtelierPostgres
import Foundation

/// Reads of memberships, always for a declared purpose: a member whose consent does not permit
/// it is not there for the read, whatever the last refresh stored.
public struct SegmentMemberships: Sendable {
    private let pools: PersonalDataPools

    public init(pools: PersonalDataPools) {
        self.pools = pools
    }

    /// One stay of a person in a segment; `exitedAt` nil while it lasts.
    public struct Spell: Sendable, Equatable {
        public var segmentID: UUID
        public var profileID: UUID
        public var enteredAt: Date
        public var exitedAt: Date?
    }

    public struct MemberPage: Sendable {
        public var members: [Spell]
        /// The last id of the page when more may follow.
        public var next: UUID?
    }

    public struct HistoryPage: Sendable {
        public var spells: [Spell]
        public var next: TimeOrderedCursor?
    }

    public static let maximumLimit = 1000

    /// Current members in id order (keyset pages after `after`).
    public func members(tenantID: UUID, segmentID: UUID, purpose: ReadPurpose, after: UUID?, limit: Int) async throws
        -> MemberPage
    {
        let limit = min(max(limit, 1), Self.maximumLimit)
        return try await pools.pool(for: purpose).withConnection { connection in
            try await Self.requireSegment(tenantID: tenantID, segmentID: segmentID, on: connection)
            let rows = try await connection.query(
                """
                SELECT segment_id, profile_id, entered_at, exited_at FROM segment_memberships
                WHERE tenant_id = $1 AND segment_id = $2 AND exited_at IS NULL AND ($3::uuid IS NULL OR profile_id > $3)
                ORDER BY profile_id LIMIT $4
                """, [tenantID, segmentID, after, limit + 1])
            var members = try rows.map(Self.spell(from:))
            var next: UUID?
            if members.count > limit {
                members.removeLast(members.count - limit)
                next = members.last?.profileID
            }
            return MemberPage(members: members, next: next)
        }
    }

    /// Spells of the segment, most recently entered first; with `since`, only those that began
    /// or ended at or after it.
    public func history(
        tenantID: UUID, segmentID: UUID, purpose: ReadPurpose, since: Date?, cursor: TimeOrderedCursor?, limit: Int
    ) async throws -> HistoryPage {
        let limit = min(max(limit, 1), Self.maximumLimit)
        return try await pools.pool(for: purpose).withConnection { connection in
            try await Self.requireSegment(tenantID: tenantID, segmentID: segmentID, on: connection)
            let rows = try await connection.query(
                """
                SELECT segment_id, profile_id, entered_at, exited_at FROM segment_memberships
                WHERE tenant_id = $1 AND segment_id = $2
                  AND ($3::timestamptz IS NULL OR entered_at >= $3 OR exited_at >= $3)
                  AND ($4::timestamptz IS NULL OR (entered_at, profile_id) < ($4, $5::uuid))
                ORDER BY entered_at DESC, profile_id DESC LIMIT $6
                """, [tenantID, segmentID, since, cursor?.occurredAt, cursor?.id, limit + 1])
            var spells = try rows.map(Self.spell(from:))
            var next: TimeOrderedCursor?
            if spells.count > limit {
                spells.removeLast(spells.count - limit)
                next = spells.last.map { TimeOrderedCursor(occurredAt: $0.enteredAt, id: $0.profileID) }
            }
            return HistoryPage(spells: spells, next: next)
        }
    }

    /// Every spell of the person holding `profileID` (any profile merged into it), current ones
    /// first, each with its segment's name.
    public func segments(ofProfile profileID: UUID, tenantID: UUID, purpose: ReadPurpose) async throws
        -> [(spell: Spell, name: String)]
    {
        try await pools.pool(for: purpose).transaction(isolation: .repeatableRead) { connection in
            let members = try await ProfileReader.members(
                tenantID: tenantID, profileID: profileID, on: connection, purpose: purpose
            ).members
            let rows = try await connection.query(
                """
                SELECT s.segment_id, s.profile_id, s.entered_at, s.exited_at, g.name
                FROM segment_memberships s
                JOIN segments g ON g.tenant_id = s.tenant_id AND g.segment_id = s.segment_id
                WHERE s.tenant_id = $1 AND s.profile_id = ANY($2::uuid[])
                ORDER BY s.exited_at IS NOT NULL, s.entered_at DESC, s.segment_id
                """, [tenantID, members])
            return try rows.map { (try Self.spell(from: $0), try $0.decode(String.self, column: "name")) }
        }
    }

    static func requireSegment(tenantID: UUID, segmentID: UUID, on connection: PostgresConnection) async throws {
        let found = try await connection.query(
            "SELECT 1 FROM segments WHERE tenant_id = $1 AND segment_id = $2", [tenantID, segmentID])
        guard !found.isEmpty else { throw DomainError.notFound(resource: "segment", id: segmentID.uuidString) }
    }

    private static func spell(from row: PostgresRow) throws -> Spell {
        Spell(
            segmentID: try row.decode(UUID.self, column: "segment_id"), profileID: try row.decode(UUID.self, column: "profile_id"),
            enteredAt: try row.decode(Date.self, column: "entered_at"), exitedAt: try row.decode(Date?.self, column: "exited_at"))
    }
}
