import AtelierPostgres
import Foundation

/// Reads and verifies a tenant's audit chain. Every method takes the tenant explicitly, so
/// no call reaches another tenant's entries.
public struct AuditTrail: Sendable {
    private let pool: PostgresPool
    private let verificationPageSize: Int

    /// - Parameter verificationPageSize: entries read per round trip while verifying.
    public init(pool: PostgresPool, verificationPageSize: Int = 2000) {
        self.pool = pool
        self.verificationPageSize = max(verificationPageSize, 1)
    }

    /// Entries matching `query`, newest first.
    public func page(tenantID: UUID, query: AuditQuery) async throws -> AuditPage {
        let rows = try await pool.query(
            """
            SELECT \(Self.columns) FROM audit_log
            WHERE tenant_id = $1
              AND ($2::text IS NULL OR action = $2)
              AND ($3::text IS NULL OR (actor_type = $3 AND actor_id IS NOT DISTINCT FROM $4::uuid))
              AND ($5::timestamptz IS NULL OR occurred_at >= $5)
              AND ($6::timestamptz IS NULL OR occurred_at < $6)
              AND ($7::bigint IS NULL OR sequence < $7)
            ORDER BY sequence DESC
            LIMIT $8
            """,
            [tenantID, query.action?.rawValue, query.actor?.type, query.actor?.id, query.since, query.until,
             query.beforeSequence, query.limit + 1])
        var entries = try rows.map { row in try Self.entry(from: row) }
        let hasMore = entries.count > query.limit
        if hasMore { entries.removeLast() }
        return AuditPage(entries: entries, nextBeforeSequence: hasMore ? entries.last?.sequence : nil)
    }

    /// Checks the tenant's whole chain, from its base to its head, in one consistent
    /// snapshot, reading `verificationPageSize` entries at a time.
    public func verify(tenantID: UUID) async throws -> AuditVerification {
        try await pool.transaction(isolation: .repeatableRead) { connection in
            let heads = try await connection.query(
                "SELECT last_sequence, last_hash, base_sequence, base_hash FROM audit_chain_heads WHERE tenant_id = $1",
                [tenantID])
            let head = heads.first
            let headSequence = try head?.decode(Int64.self, column: "last_sequence") ?? 0
            let headHash = try head?.decode([UInt8].self, column: "last_hash") ?? AuditEntryEncoding.genesisHash
            let baseSequence = try head?.decode(Int64.self, column: "base_sequence") ?? 0
            var verifier = AuditChainVerifier(
                baseSequence: baseSequence,
                baseHash: try head?.decode([UInt8].self, column: "base_hash") ?? AuditEntryEncoding.genesisHash)
            var after = baseSequence
            while verifier.isIntact {
                let rows = try await connection.query(
                    """
                    SELECT \(Self.columns) FROM audit_log
                    WHERE tenant_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3
                    """, [tenantID, after, verificationPageSize])
                for row in rows {
                    let sequence = try row.decode(Int64.self, column: "sequence")
                    verifier.check(try? Self.entry(from: row), storedSequence: sequence)
                    after = sequence
                }
                if rows.count < verificationPageSize { break }
            }
            return verifier.finish(headSequence: headSequence, headHash: headHash)
        }
    }

    /// The tenants that have an audit chain, for verifying all of them (CLI).
    public func tenantsWithChains() async throws -> [UUID] {
        try await pool.query("SELECT tenant_id FROM audit_chain_heads ORDER BY tenant_id", []).map {
            try $0.decode(UUID.self, column: "tenant_id")
        }
    }

    private static let columns = """
        tenant_id, sequence, (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_at_microseconds,
        actor_type, actor_id, action, target_type, target_id, outcome, reason, detail::text AS detail,
        previous_hash, entry_hash
        """

    /// Throws when the stored columns cannot be an entry we wrote (a tampered row).
    static func entry(from row: PostgresRow) throws -> AuditEntry {
        let actorType = try row.decode(String.self, column: "actor_type")
        guard let actor = AuditActor(type: actorType, id: try row.decode(UUID?.self, column: "actor_id")) else {
            throw AuditEntryDecodingError(column: "actor_type", value: actorType)
        }
        let outcomeName = try row.decode(String.self, column: "outcome")
        guard let outcome = AuditOutcome(name: outcomeName, reason: try row.decode(String?.self, column: "reason")) else {
            throw AuditEntryDecodingError(column: "outcome", value: outcomeName)
        }
        let target = try row.decode(String?.self, column: "target_type").map { type in
            AuditTarget(type: type, id: try row.decode(UUID.self, column: "target_id"))
        }
        let detailText = try row.decode(String.self, column: "detail")
        let detail = try JSONDecoder().decode(AuditDetail.self, from: Data(detailText.utf8))
        return AuditEntry(
            record: AuditRecord(
                tenantID: try row.decode(UUID.self, column: "tenant_id"), actor: actor,
                action: AuditAction(rawValue: try row.decode(String.self, column: "action")), target: target,
                outcome: outcome, detail: detail),
            sequence: try row.decode(Int64.self, column: "sequence"),
            occurredAtMicroseconds: try row.decode(Int64.self, column: "occurred_at_microseconds"),
            previousHash: try row.decode([UInt8].self, column: "previous_hash"),
            entryHash: try row.decode([UInt8].self, column: "entry_hash"))
    }
}

/// A stored audit row that cannot be read back as an entry: its columns were changed to
/// something Atelier never writes.
struct AuditEntryDecodingError: Error, CustomStringConvertible {
    var column: String
    var value: String

    var description: String { "audit column \(column) holds \(value.prefix(40)), which Atelier never writes" }
}
