import AtelierPostgres
import Foundation

/// Appends to the tenants' audit chains. An action and its entry commit or fail together:
/// append with `append(_:in:)` inside the action's own transaction, as the last statement
/// before commit if you can (the tenant's chain stays locked from the append to the commit).
///
///     try await pool.transaction { connection in
///         … the change …
///         try await AuditLog.append(
///             AuditRecord(tenantID: tenant, actor: principal.auditActor, action: .consentChanged,
///                         target: .profile(profileID), detail: ["purpose": "marketing_email", "granted": false]),
///             in: connection)
///     }
///
/// Refusals are recorded by `recordingRefusal(of:_:)` in a transaction of their own, since
/// the refused action's transaction rolls back.
public struct AuditLog: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Appends `record` as the next entry of its tenant's chain, in the transaction open on
    /// `connection` (it must be one: the chain head's row lock lasts until its end). Appends
    /// of one tenant wait for each other; those of different tenants do not.
    @discardableResult
    ///
    /// A profile target is stored as its keyed pseudonym (`AuditTarget.pseudonymSQL`), never as
    /// the profile id itself: the log cannot be edited, and after an erasure it must not point
    /// at the person. Given a profile id, `pseudonym(of:)` finds its entries.
    public static func append(_ record: AuditRecord, in connection: PostgresConnection) async throws -> AuditEntry {
        var record = record
        let profileTarget = record.target?.type == AuditTarget.profileType ? record.target?.id : nil
        let heads = try await connection.query(
            """
            INSERT INTO audit_chain_heads AS head (tenant_id) VALUES ($1)
            ON CONFLICT (tenant_id) DO UPDATE SET tenant_id = head.tenant_id
            RETURNING head.last_sequence, head.last_hash,
                (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_microseconds,
                (SELECT \(pseudonymSQL) FROM tenant_secrets k WHERE k.tenant_id = $1) AS pseudonym
            """, [record.tenantID, profileTarget])
        guard let head = heads.first else { throw DomainError.unavailable(reason: "the audit chain head was not returned") }
        if profileTarget != nil {
            guard let pseudonym = try head.decode(UUID?.self, column: "pseudonym") else {
                throw DomainError.unavailable(reason: "the tenant has no secret to pseudonymise an audit target")
            }
            record.target = AuditTarget(type: AuditTarget.profileType, id: pseudonym)
        }
        let previousHash = try head.decode([UInt8].self, column: "last_hash")
        let sequence = try head.decode(Int64.self, column: "last_sequence") + 1
        let microseconds = try head.decode(Int64.self, column: "now_microseconds")
        let entry = AuditEntry(
            record: record, sequence: sequence, occurredAtMicroseconds: microseconds, previousHash: previousHash,
            entryHash: AuditEntryEncoding.hash(
                record: record, sequence: sequence, occurredAtMicroseconds: microseconds, previousHash: previousHash))
        try await connection.execute(
            """
            INSERT INTO audit_log (tenant_id, sequence, occurred_at, actor_type, actor_id, action, target_type, target_id,
                outcome, reason, detail, previous_hash, entry_hash)
            VALUES ($1, $2, timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4, $5, $6, $7, $8, $9, $10,
                $11::jsonb, $12, $13)
            """,
            [record.tenantID, sequence, microseconds, record.actor.type, record.actor.id, record.action.rawValue,
             record.target?.type, record.target?.id, record.outcome.name, record.outcome.reason?.rawValue,
             PostgresJSON(record.detail.canonicalJSON), previousHash, entry.entryHash])
        return entry
    }

    /// The keyed pseudonym of a profile in the audit log: the first 128 bits of HMAC-SHA256
    /// (tenant secret) of `audit-profile:<id>`, as a UUID. `$2` is the profile id, `k` the
    /// tenant's `tenant_secrets` row.
    static let pseudonymSQL =
        "encode(substring(privacy_keyed_hash(k.inner_pad, k.outer_pad, 'audit-profile:' || $2::text) FROM 1 FOR 16), 'hex')::uuid"

    /// The id under which `profileID`'s audit entries are stored (to filter `GET /v1/audit`).
    public func pseudonym(of profileID: UUID, tenantID: UUID) async throws -> UUID? {
        try await pool.query(
            "SELECT \(Self.pseudonymSQL) AS pseudonym FROM tenant_secrets k WHERE k.tenant_id = $1", [tenantID, profileID]
        ).first?.decode(UUID?.self, column: "pseudonym")
    }

    /// Appends `record` in a transaction of its own, for what happens outside any other
    /// transaction (a refusal, the end of a job run).
    @discardableResult
    public func append(_ record: AuditRecord) async throws -> AuditEntry {
        try await pool.transaction { connection in try await Self.append(record, in: connection) }
    }

    /// Runs `operation`; when it throws a refusal worth recording (`AuditReason(refusal:)`:
    /// no scope, unknown target, conflict), appends `record` refused with that reason, then
    /// rethrows. The caller sees its original error even if the refusal could not be
    /// written (the database being down is then the likelier cause of both).
    public func recordingRefusal<T>(
        of record: AuditRecord, callerIsolation: isolated (any Actor)? = #isolation,
        _ operation: () async throws -> T
    ) async throws -> T {
        do {
            return try await operation()
        } catch {
            if let reason = AuditReason(refusal: error) {
                _ = try? await append(record.with(outcome: .refused(reason)))
            }
            throw error
        }
    }
}
