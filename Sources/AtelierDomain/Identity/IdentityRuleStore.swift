import AtelierPostgres
import Foundation

/// A tenant's identity configuration: rules (priority, limits), blocked values and the
/// default phone region. Read inside the resolving transaction so a change applies to the
/// very next event.
public struct IdentityRuleStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func rules(tenantID: UUID) async throws -> IdentityRules {
        try await pool.withConnection { connection in try await Self.rules(tenantID: tenantID, on: connection) }
    }

    /// Replaces the tenant's rules; types left out fall back to the defaults.
    public func replaceRules(tenantID: UUID, with rules: [IdentityRule]) async throws -> IdentityRules {
        for (index, rule) in rules.enumerated() {
            guard Identifier.isValidType(rule.type) else {
                throw DomainError.invalid(
                    field: "/rules/\(index)/type", reason: "must be lower-case letters, digits and _", hint: nil)
            }
            guard rule.priority >= 1 else {
                throw DomainError.invalid(field: "/rules/\(index)/priority", reason: "must be at least 1", hint: nil)
            }
            if let limit = rule.maxPerProfile, limit < 1 {
                throw DomainError.invalid(
                    field: "/rules/\(index)/maxPerProfile", reason: "must be at least 1, or null for unlimited", hint: nil)
            }
        }
        let types = rules.map(\.type)
        if let duplicate = types.first(where: { type in types.filter { $0 == type }.count > 1 }) {
            throw DomainError.invalid(field: "/rules", reason: "names the type '\(duplicate)' twice", hint: nil)
        }
        return try await pool.transaction { connection in
            try await connection.execute("DELETE FROM identity_rules WHERE tenant_id = $1", [tenantID])
            try await connection.execute(
                """
                INSERT INTO identity_rules (tenant_id, type, priority, max_per_profile)
                SELECT $1, type, priority, max_per_profile FROM unnest($2::text[], $3::int[], $4::int[])
                    AS u(type, priority, max_per_profile)
                """, [tenantID, types, rules.map(\.priority), rules.map(\.maxPerProfile)])
            return try await Self.rules(tenantID: tenantID, on: connection)
        }
    }

    /// Blocks `identifier`: it stays on events but never links profiles again.
    public func block(tenantID: UUID, identifier: Identifier) async throws {
        try await pool.execute(
            "INSERT INTO blocked_identifiers (tenant_id, type, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [tenantID, identifier.type, identifier.value])
    }

    public func unblock(tenantID: UUID, identifier: Identifier) async throws {
        try await pool.execute(
            "DELETE FROM blocked_identifiers WHERE tenant_id = $1 AND type = $2 AND value = $3",
            [tenantID, identifier.type, identifier.value])
    }

    public func blocked(tenantID: UUID) async throws -> [Identifier] {
        try await pool.query(
            "SELECT type, value FROM blocked_identifiers WHERE tenant_id = $1 ORDER BY type, value", [tenantID]
        ).map { Identifier(type: try $0.decode(String.self, column: "type"), value: try $0.decode(String.self, column: "value")) }
    }

    /// The normaliser for the tenant's default phone region.
    public func normaliser(tenantID: UUID) async throws -> IdentifierNormaliser {
        try await pool.withConnection { connection in try await Self.normaliser(tenantID: tenantID, on: connection) }
    }

    /// Sets the region whose calling code national phone numbers get.
    public func setDefaultPhoneRegion(tenantID: UUID, region: String) async throws {
        guard IdentifierNormaliser.supportedPhoneRegions.contains(region) else {
            throw DomainError.invalid(
                field: "/defaultPhoneRegion", reason: "is not a supported region",
                hint: IdentifierNormaliser.supportedPhoneRegions.joined(separator: ", "))
        }
        try await pool.execute(
            """
            INSERT INTO tenant_settings (tenant_id, default_phone_region) VALUES ($1, $2)
            ON CONFLICT (tenant_id) DO UPDATE SET default_phone_region = excluded.default_phone_region, updated_at = now()
            """, [tenantID, region])
    }

    static func normaliser(tenantID: UUID, on connection: PostgresConnection) async throws -> IdentifierNormaliser {
        let rows = try await connection.query(
            "SELECT default_phone_region FROM tenant_settings WHERE tenant_id = $1", [tenantID])
        return IdentifierNormaliser(
            defaultPhoneRegion: try rows.first?.decode(String.self, column: "default_phone_region") ?? "FR")
    }

    static func rules(tenantID: UUID, on connection: PostgresConnection) async throws -> IdentityRules {
        IdentityRules(
            overrides: try await connection.query(
                "SELECT type, priority, max_per_profile FROM identity_rules WHERE tenant_id = $1", [tenantID]
            ).map(rule(from:)))
    }

    static func rule(from row: PostgresRow) throws -> IdentityRule {
        IdentityRule(
            type: try row.decode(String.self, column: "type"), priority: try row.decode(Int.self, column: "priority"),
            maxPerProfile: try row.decode(Int?.self, column: "max_per_profile"))
    }
}
