import AtelierCrypto
import AtelierPostgres
import Foundation

/// Audience definitions and their delivery log, per tenant. Neither is personal data, so both
/// live on the owner's pool; the members are read by `AudienceDelivery`, under consent.
public struct AudienceStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func create(tenantID: UUID, definition: AudienceDefinition) async throws -> Audience {
        let rows = try await Self.refusingUnknownSegment(definition.segmentID) {
            try await pool.query(
                """
                INSERT INTO audiences (tenant_id, segment_id, name, partner, destination, identifiers, extra_purposes,
                    raw_identifiers, minimum_size)
                SELECT tenant_id, $2, $3, $4, $5, $6, $7, $8, $9 FROM tenants WHERE tenant_id = $1
                RETURNING \(Self.columns)
                """, [tenantID] + Self.values(definition))
        }
        guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: tenantID.uuidString) }
        return try Self.audience(from: row)
    }

    public func find(tenantID: UUID, audienceID: UUID) async throws -> Audience {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM audiences WHERE tenant_id = $1 AND audience_id = $2", [tenantID, audienceID])
        guard let row = rows.first else { throw DomainError.notFound(resource: "audience", id: audienceID.uuidString) }
        return try Self.audience(from: row)
    }

    /// The tenant's audiences by name; with `only`, just those (a partner key's).
    public func list(tenantID: UUID, only: [UUID]?) async throws -> [Audience] {
        try await pool.query(
            """
            SELECT \(Self.columns) FROM audiences
            WHERE tenant_id = $1 AND ($2::uuid[] IS NULL OR audience_id = ANY($2))
            ORDER BY name, audience_id
            """, [tenantID, only]
        ).map(Self.audience(from:))
    }

    public func update(tenantID: UUID, audienceID: UUID, definition: AudienceDefinition) async throws -> Audience {
        let rows = try await Self.refusingUnknownSegment(definition.segmentID) {
            try await pool.query(
                """
                UPDATE audiences SET segment_id = $3, name = $4, partner = $5, destination = $6, identifiers = $7,
                    extra_purposes = $8, raw_identifiers = $9, minimum_size = $10, updated_at = now()
                WHERE tenant_id = $1 AND audience_id = $2
                RETURNING \(Self.columns)
                """, [tenantID, audienceID] + Self.values(definition))
        }
        guard let row = rows.first else { throw DomainError.notFound(resource: "audience", id: audienceID.uuidString) }
        return try Self.audience(from: row)
    }

    /// Deletes the audience; its delivery log stays, as the record of what was shared.
    public func delete(tenantID: UUID, audienceID: UUID) async throws {
        let deleted = try await pool.execute(
            "DELETE FROM audiences WHERE tenant_id = $1 AND audience_id = $2", [tenantID, audienceID])
        guard deleted == 1 else { throw DomainError.notFound(resource: "audience", id: audienceID.uuidString) }
    }

    /// The most recent delivered pages, newest first.
    public func deliveries(tenantID: UUID, audienceID: UUID, limit: Int) async throws -> [AudienceDeliveryRecord] {
        try await pool.query(
            """
            SELECT pull_id, page, key_id, kind, since, format, rows, last_page, delivered_at FROM audience_deliveries
            WHERE tenant_id = $1 AND audience_id = $2 ORDER BY delivered_at DESC, pull_id, page DESC LIMIT $3
            """, [tenantID, audienceID, min(max(limit, 1), 500)]
        ).map(AudienceDeliveryRecord.init(row:))
    }

    func record(_ entry: AudienceDeliveryRecord, tenantID: UUID, audienceID: UUID) async throws {
        try await pool.execute(
            """
            INSERT INTO audience_deliveries (tenant_id, audience_id, pull_id, page, key_id, kind, since, format, rows, last_page)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            """,
            [tenantID, audienceID, entry.pullID, entry.page, entry.keyID, entry.kind.rawValue, entry.since,
             entry.format.rawValue, entry.rows, entry.lastPage])
    }

    /// The tenant's pseudonym secret, made on first use (32 random bytes).
    func pseudonymSecret(tenantID: UUID) async throws -> [UInt8] {
        let rows = try await pool.query(
            """
            WITH made AS (
                INSERT INTO tenant_pseudonym_keys (tenant_id, secret) VALUES ($1, $2)
                ON CONFLICT (tenant_id) DO NOTHING RETURNING secret
            )
            SELECT secret FROM made UNION ALL SELECT secret FROM tenant_pseudonym_keys WHERE tenant_id = $1
            """, [tenantID, try SecureRandom.bytes(count: 32)])
        guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: tenantID.uuidString) }
        return try row.decode([UInt8].self, column: "secret")
    }

    private static func refusingUnknownSegment(_ segmentID: UUID, _ body: () async throws -> PostgresRows) async throws
        -> PostgresRows
    {
        do {
            return try await body()
        } catch let error as PostgresError where error.kind == .foreignKeyViolation {
            throw DomainError.invalid(
                field: "/segmentId", reason: "names no segment of this tenant", hint: "GET /v1/segments lists them")
        }
    }

    private static func values(_ definition: AudienceDefinition) -> [any PostgresEncodable] {
        [definition.segmentID, definition.name, definition.partner, definition.destination.rawValue,
         definition.identifiers.map(\.rawValue), definition.extraPurposes.map(\.rawValue), definition.rawIdentifiers,
         definition.minimumSize]
    }

    private static let columns = """
        tenant_id, audience_id, segment_id, name, partner, destination, identifiers, extra_purposes, raw_identifiers,
        minimum_size, created_at, updated_at
        """

    private static func audience(from row: PostgresRow) throws -> Audience {
        let destinationName = try row.decode(String.self, column: "destination")
        let definition = try AudienceDefinition(
            name: try row.decode(String.self, column: "name"), segmentID: try row.decode(UUID.self, column: "segment_id"),
            partner: try row.decode(String.self, column: "partner"),
            destination: AudienceDestination(rawValue: destinationName) ?? .generic,
            identifiers: try row.decode([String].self, column: "identifiers").compactMap(AudienceIdentifierKind.init),
            extraPurposes: try row.decode([String].self, column: "extra_purposes").compactMap(ReadPurpose.init),
            rawIdentifiers: try row.decode(Bool.self, column: "raw_identifiers"),
            minimumSize: try row.decode(Int.self, column: "minimum_size"))
        return Audience(
            id: try row.decode(UUID.self, column: "audience_id"), tenantID: try row.decode(UUID.self, column: "tenant_id"),
            definition: definition, createdAt: try row.decode(Date.self, column: "created_at"),
            updatedAt: try row.decode(Date.self, column: "updated_at"))
    }
}
