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

    /// Replaces the tenant's rules (types left out fall back to the defaults) and, when
    /// given, its default phone region, in one transaction audited as `identity.rules.changed`.
    public func replaceRules(
        tenantID: UUID, with rules: [IdentityRule], defaultPhoneRegion: String? = nil, by actor: AuditActor = .system
    ) async throws -> IdentityRules {
        if let defaultPhoneRegion, !IdentifierNormaliser.supportedPhoneRegions.contains(defaultPhoneRegion) {
            throw DomainError.invalid(
                field: "/defaultPhoneRegion", reason: "is not a supported region",
                hint: IdentifierNormaliser.supportedPhoneRegions.joined(separator: ", "))
        }
        try Self.validate(rules)
        let types = rules.map(\.type)
        return try await pool.transaction { connection in
            if let defaultPhoneRegion {
                try await connection.execute(
                    """
                    INSERT INTO tenant_settings (tenant_id, default_phone_region) VALUES ($1, $2)
                    ON CONFLICT (tenant_id) DO UPDATE SET default_phone_region = excluded.default_phone_region, updated_at = now()
                    """, [tenantID, defaultPhoneRegion])
            }
            try await connection.execute("DELETE FROM identity_rules WHERE tenant_id = $1", [tenantID])
            try await connection.execute(
                """
                INSERT INTO identity_rules (tenant_id, type, priority, max_per_profile)
                SELECT $1, type, priority, max_per_profile FROM unnest($2::text[], $3::int[], $4::int[])
                    AS u(type, priority, max_per_profile)
                """, [tenantID, types, rules.map(\.priority), rules.map(\.maxPerProfile)])
            try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: .identityRulesChanged, target: .tenant(tenantID),
                    detail: [
                        "ruleCount": .integer(Int64(rules.count)),
                        "rules": .list(
                            rules.prefix(Self.auditedRuleLimit).map { rule in
                                .object([
                                    "type": .string(rule.type), "priority": .integer(Int64(rule.priority)),
                                    "maxPerProfile": rule.maxPerProfile.map { .integer(Int64($0)) } ?? .null,
                                ])
                            }),
                        "defaultPhoneRegion": defaultPhoneRegion.map(AuditValue.string) ?? .null,
                    ]),
                in: connection)
            return try await Self.rules(tenantID: tenantID, on: connection)
        }
    }

    /// Blocks `identifier`: it stays on events but never links profiles again. Audited as
    /// `identifier.blocked` with the identifier's type only: its value is personal data.
    public func block(tenantID: UUID, identifier: Identifier, by actor: AuditActor = .system) async throws {
        try await changeBlocking(
            "INSERT INTO blocked_identifiers (tenant_id, type, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            audited: .identifierBlocked, tenantID: tenantID, identifier: identifier, actor: actor)
    }

    /// Unblocks `identifier`; audited as `identifier.unblocked`, with its type only.
    public func unblock(tenantID: UUID, identifier: Identifier, by actor: AuditActor = .system) async throws {
        try await changeBlocking(
            "DELETE FROM blocked_identifiers WHERE tenant_id = $1 AND type = $2 AND value = $3",
            audited: .identifierUnblocked, tenantID: tenantID, identifier: identifier, actor: actor)
    }

    /// Runs `statement` on ($1 tenant, $2 type, $3 value) with its audit entry; `changed`
    /// says whether it did anything (blocking twice does not).
    private func changeBlocking(
        _ statement: String, audited action: AuditAction, tenantID: UUID, identifier: Identifier, actor: AuditActor
    ) async throws {
        try await pool.transaction { connection in
            let changed = try await connection.execute(statement, [tenantID, identifier.type, identifier.value])
            try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: action,
                    detail: ["identifierType": .string(identifier.type), "changed": .bool(changed > 0)]),
                in: connection)
        }
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

    static func normaliser(tenantID: UUID, on connection: PostgresConnection) async throws -> IdentifierNormaliser {
        let rows = try await connection.query(
            "SELECT default_phone_region FROM tenant_settings WHERE tenant_id = $1", [tenantID])
        return IdentifierNormaliser(
            defaultPhoneRegion: try rows.first?.decode(String.self, column: "default_phone_region") ?? "FR")
    }

    /// Rules listed in an `identity.rules.changed` entry; beyond, only the count, so the
    /// entry stays small whatever the tenant sends.
    static let auditedRuleLimit = 32

    private static func validate(_ rules: [IdentityRule]) throws {
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
