import AtelierPostgres
import Foundation

/// Creates and finds tenants. Tenants are created by operators (CLI), never by API keys,
/// because a key belongs to exactly one tenant. A tenant's audit chain starts with its
/// creation (`tenant.created`).
public struct TenantDirectory: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func create(name: String, slug: String, by actor: AuditActor = .system) async throws -> Tenant {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmedName.count) else {
            throw DomainError.invalid(field: "/name", reason: "must be 1 to 200 characters", hint: nil)
        }
        guard Self.isValidSlug(slug) else {
            throw DomainError.invalid(
                field: "/slug", reason: "must be lower-case letters, digits and hyphens",
                hint: "for example maison-a")
        }
        do {
            return try await pool.transaction { connection in
                let rows = try await connection.query(
                    """
                    INSERT INTO tenants (slug, name) VALUES ($1, $2)
                    RETURNING tenant_id, slug, name, created_at
                    """, [slug, trimmedName])
                guard let row = rows.first else { throw DomainError.unavailable(reason: "insert returned no row") }
                let tenant = try Self.tenant(from: row)
                try await AuditLog.append(
                    AuditRecord(
                        tenantID: tenant.id, actor: actor, action: .tenantCreated, target: .tenant(tenant.id),
                        detail: ["slug": .string(tenant.slug)]),
                    in: connection)
                return tenant
            }
        } catch let error as PostgresError where error.kind == .uniqueViolation {
            throw DomainError.conflict(reason: "a tenant with slug '\(slug)' already exists")
        }
    }

    public func find(id: UUID) async throws -> Tenant {
        let rows = try await pool.query(
            "SELECT tenant_id, slug, name, created_at FROM tenants WHERE tenant_id = $1", [id])
        guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: id.uuidString) }
        return try Self.tenant(from: row)
    }

    /// Finds a tenant by id or by slug, whichever `reference` is; for the CLI.
    public func find(reference: String) async throws -> Tenant {
        if let id = UUID(uuidString: reference) {
            return try await find(id: id)
        }
        let rows = try await pool.query(
            "SELECT tenant_id, slug, name, created_at FROM tenants WHERE slug = $1", [reference])
        guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: reference) }
        return try Self.tenant(from: row)
    }

    public func list() async throws -> [Tenant] {
        try await pool.query("SELECT tenant_id, slug, name, created_at FROM tenants ORDER BY slug", [])
            .map(Self.tenant(from:))
    }

    static func isValidSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        func allowed(_ byte: UInt8, first: Bool) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (!first && byte == UInt8(ascii: "-"))
        }
        return bytes.enumerated().allSatisfy { allowed($0.element, first: $0.offset == 0) }
    }

    private static func tenant(from row: PostgresRow) throws -> Tenant {
        Tenant(
            id: try row.decode(UUID.self, column: "tenant_id"),
            slug: try row.decode(String.self, column: "slug"),
            name: try row.decode(String.self, column: "name"),
            createdAt: try row.decode(Date.self, column: "created_at"))
    }
}
