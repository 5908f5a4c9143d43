import AtelierPostgres
import Foundation

/// Segment definitions, per tenant. Definitions are not personal data, so they live on the
/// owner's pool; evaluating them is `SegmentEvaluator`'s job, under the segment's purpose.
public struct SegmentStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func create(tenantID: UUID, definition: SegmentDefinition) async throws -> Segment {
        let rows = try await pool.query(
            """
            INSERT INTO segments (tenant_id, name, description, purpose, rule, refresh_seconds)
            SELECT tenant_id, $2, $3, $4, $5::jsonb, $6 FROM tenants WHERE tenant_id = $1
            RETURNING \(Self.columns)
            """,
            [tenantID, definition.name, definition.description, definition.purpose.rawValue,
             PostgresJSON(try SegmentRuleJSON.text(of: definition.rule)), definition.refreshInterval])
        guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: tenantID.uuidString) }
        return try Self.segment(from: row)
    }

    public func find(tenantID: UUID, segmentID: UUID) async throws -> Segment {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM segments WHERE tenant_id = $1 AND segment_id = $2", [tenantID, segmentID])
        guard let row = rows.first else { throw DomainError.notFound(resource: "segment", id: segmentID.uuidString) }
        return try Self.segment(from: row)
    }

    /// Segments by name, `limit` at a time.
    public func list(tenantID: UUID, after cursor: SegmentCursor?, limit: Int) async throws -> SegmentPage {
        let rows = try await pool.query(
            """
            SELECT \(Self.columns) FROM segments
            WHERE tenant_id = $1 AND ($2::text IS NULL OR (name, segment_id) > ($2, $3::uuid))
            ORDER BY name, segment_id LIMIT $4
            """, [tenantID, cursor?.name, cursor?.id, limit + 1])
        var segments = try rows.map(Self.segment(from:))
        var next: SegmentCursor?
        if segments.count > limit {
            segments.removeLast(segments.count - limit)
            next = segments.last.map { SegmentCursor(name: $0.definition.name, id: $0.id) }
        }
        return SegmentPage(segments: segments, next: next)
    }

    /// Replaces the definition. A new rule or purpose is a new version: memberships stay as the
    /// last refresh left them until the next refresh evaluates the new version.
    public func update(tenantID: UUID, segmentID: UUID, definition: SegmentDefinition) async throws -> Segment {
        let rows = try await pool.query(
            """
            UPDATE segments SET name = $3, description = $4, purpose = $5, rule = $6::jsonb, refresh_seconds = $7,
                version = version + CASE WHEN rule = $6::jsonb AND purpose = $5 THEN 0 ELSE 1 END, updated_at = now()
            WHERE tenant_id = $1 AND segment_id = $2
            RETURNING \(Self.columns)
            """,
            [tenantID, segmentID, definition.name, definition.description, definition.purpose.rawValue,
             PostgresJSON(try SegmentRuleJSON.text(of: definition.rule)), definition.refreshInterval])
        guard let row = rows.first else { throw DomainError.notFound(resource: "segment", id: segmentID.uuidString) }
        return try Self.segment(from: row)
    }

    /// Deletes the segment and its membership history; refused while an audience shares it.
    public func delete(tenantID: UUID, segmentID: UUID) async throws {
        do {
            let deleted = try await pool.execute(
                "DELETE FROM segments WHERE tenant_id = $1 AND segment_id = $2", [tenantID, segmentID])
            guard deleted == 1 else { throw DomainError.notFound(resource: "segment", id: segmentID.uuidString) }
        } catch let error as PostgresError where error.kind == .foreignKeyViolation {
            throw DomainError.conflict(
                reason: "segment \(segmentID.uuidString.lowercased()) is shared as an audience; delete the audience first")
        }
    }

    /// Segments whose refresh is due (never refreshed, or older than their interval).
    func due(limit: Int) async throws -> [(tenantID: UUID, segmentID: UUID)] {
        try await pool.query(
            """
            SELECT tenant_id, segment_id FROM segments
            WHERE refreshed_at IS NULL OR refreshed_version IS DISTINCT FROM version
               OR refreshed_at + make_interval(secs => refresh_seconds) <= now()
            ORDER BY refreshed_at NULLS FIRST LIMIT $1
            """, [limit]
        ).map { (try $0.decode(UUID.self, column: "tenant_id"), try $0.decode(UUID.self, column: "segment_id")) }
    }

    static let columns = """
        tenant_id, segment_id, name, description, purpose, rule::text AS rule, refresh_seconds, version, created_at,
        updated_at, refreshed_at, refreshed_version, member_count
        """

    static func segment(from row: PostgresRow) throws -> Segment {
        let purposeName = try row.decode(String.self, column: "purpose")
        guard let purpose = ReadPurpose(rawValue: purposeName) else {
            throw DomainError.unavailable(reason: "segment stored with an unknown purpose \(purposeName)")
        }
        return Segment(
            id: try row.decode(UUID.self, column: "segment_id"), tenantID: try row.decode(UUID.self, column: "tenant_id"),
            definition: try SegmentDefinition(
                name: try row.decode(String.self, column: "name"),
                description: try row.decode(String.self, column: "description"), purpose: purpose,
                rule: try SegmentRuleJSON.rule(from: try row.decode(String.self, column: "rule")),
                refreshInterval: try row.decode(Int.self, column: "refresh_seconds")),
            version: try row.decode(Int.self, column: "version"), createdAt: try row.decode(Date.self, column: "created_at"),
            updatedAt: try row.decode(Date.self, column: "updated_at"),
            refreshedAt: try row.decode(Date?.self, column: "refreshed_at"),
            refreshedVersion: try row.decode(Int?.self, column: "refreshed_version"),
            memberCount: try row.decode(Int?.self, column: "member_count"))
    }
}
