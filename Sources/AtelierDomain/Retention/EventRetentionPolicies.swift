import AtelierPostgres
import Foundation

/// Reads and sets each tenant's event retention policy; every change is audited in the
/// same transaction (`retention.policy.changed`).
public struct EventRetentionPolicies: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The tenant's policy; nil when it keeps events indefinitely.
    public func policy(tenantID: UUID) async throws -> EventRetentionPolicy? {
        try await pool.withConnection { connection in try await Self.policy(tenantID: tenantID, on: connection) }
    }

    /// Sets the policy. Setting the same policy again changes nothing and records nothing.
    @discardableResult
    public func set(tenantID: UUID, months: Int, mode: EventRetentionMode, by actor: AuditActor) async throws
        -> EventRetentionPolicy
    {
        guard EventRetentionPolicy.allowedMonths.contains(months) else {
            throw DomainError.invalid(
                field: "/months", reason: "must be from 1 to 1200, or null to keep events",
                hint: "for example 25 keeps two years and a month")
        }
        guard let policy = try await change(tenantID: tenantID, to: (months, mode), by: actor) else {
            throw DomainError.unavailable(reason: "the retention policy was not stored")
        }
        return policy
    }

    /// Removes the policy: events are kept from now on. Removing none records nothing.
    public func remove(tenantID: UUID, by actor: AuditActor) async throws {
        _ = try await change(tenantID: tenantID, to: nil, by: actor)
    }

    private func change(tenantID: UUID, to wanted: (months: Int, mode: EventRetentionMode)?, by actor: AuditActor)
        async throws -> EventRetentionPolicy?
    {
        try await pool.transaction { connection in
            let previous = try await Self.policy(tenantID: tenantID, on: connection, locking: true)
            let current: EventRetentionPolicy?
            if let wanted {
                if let previous, previous.months == wanted.months, previous.mode == wanted.mode { return previous }
                let rows = try await connection.query(
                    """
                    INSERT INTO event_retention_policies (tenant_id, months, mode) VALUES ($1, $2, $3)
                    ON CONFLICT (tenant_id) DO UPDATE SET months = excluded.months, mode = excluded.mode, updated_at = now()
                    RETURNING months, mode, updated_at
                    """, [tenantID, wanted.months, wanted.mode.rawValue])
                current = try rows.first.map(Self.policy(from:))
            } else {
                guard previous != nil else { return nil }
                try await connection.execute("DELETE FROM event_retention_policies WHERE tenant_id = $1", [tenantID])
                current = nil
            }
            try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: .retentionPolicyChanged, target: .tenant(tenantID),
                    detail: [
                        "months": current.map { .integer(Int64($0.months)) } ?? .null,
                        "mode": current.map { .string($0.mode.rawValue) } ?? .null,
                        "previousMonths": previous.map { .integer(Int64($0.months)) } ?? .null,
                        "previousMode": previous.map { .string($0.mode.rawValue) } ?? .null,
                    ]),
                in: connection)
            return current
        }
    }

    /// Tenants with a policy, for the scheduled fan-out of retention runs.
    public func tenantsWithPolicies() async throws -> [UUID] {
        try await pool.query("SELECT tenant_id FROM event_retention_policies ORDER BY tenant_id", []).map {
            try $0.decode(UUID.self, column: "tenant_id")
        }
    }

    static func policy(tenantID: UUID, on connection: PostgresConnection, locking: Bool = false) async throws
        -> EventRetentionPolicy?
    {
        try await connection.query(
            "SELECT months, mode, updated_at FROM event_retention_policies WHERE tenant_id = $1"
                + (locking ? " FOR UPDATE" : ""), [tenantID]
        ).first.map(policy(from:))
    }

    private static func policy(from row: PostgresRow) throws -> EventRetentionPolicy {
        let modeName = try row.decode(String.self, column: "mode")
        guard let mode = EventRetentionMode(rawValue: modeName) else {
            throw PostgresError.decodingFailure(
                column: "mode", type: EventRetentionMode.self, value: modeName, reason: "is not a retention mode")
        }
        return EventRetentionPolicy(
            months: try row.decode(Int.self, column: "months"), mode: mode,
            updatedAt: try row.decode(Date.self, column: "updated_at"))
    }
}
