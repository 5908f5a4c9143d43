import AtelierPostgres
import Foundation

/// The consent ledger: records choices (append-only), and reads a profile's current state and
/// history. It works on the owner's pool: keeping the legal record of choices is not a use of
/// the person's data, so it is never filtered by the choices it records. The current state
/// and the decisions enforcement reads are derived by the database in the same transaction
/// (triggers of migration 0006), so a withdrawal counts from the next read on.
public struct ConsentLedger: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Appends one row per purpose of `statement` for `profileID` and answers the profile's
    /// state afterwards. Every purpose must be one the tenant defines. The change and its
    /// audit entry (`consent.changed`, purposes and source, no proof) commit together.
    public func record(tenantID: UUID, profileID: UUID, statement: ConsentStatement, by actor: AuditActor) async throws
        -> ConsentOverview
    {
        try await pool.transaction { connection in
            let exists = try await connection.query(
                "SELECT 1 FROM profiles WHERE tenant_id = $1 AND profile_id = $2", [tenantID, profileID])
            guard !exists.isEmpty else { throw DomainError.notFound(resource: "profile", id: profileID.uuidString) }
            let purposes = statement.choices.keys.sorted()
            let defined = Set(
                try await connection.query(
                    "SELECT purpose FROM consent_purposes WHERE tenant_id = $1 AND purpose = ANY($2::text[])",
                    [tenantID, purposes.map(\.rawValue)]
                ).map { try $0.decode(String.self, column: "purpose") })
            if let unknown = purposes.first(where: { !defined.contains($0.rawValue) }) {
                throw DomainError.invalid(
                    field: "/purposes/\(unknown.rawValue)", reason: "is not a purpose of this tenant",
                    hint: "list them with GET /v1/consents/purposes; define one with PUT /v1/consents/purposes/{purpose}")
            }
            try await connection.execute(
                """
                INSERT INTO consent_events (tenant_id, profile_id, purpose, granted, source, policy_version,
                    proof_format, proof, recorded_by, occurred_at)
                SELECT $1, $2, c.purpose, c.granted, $5, $6, $7, $8, $9, $10
                FROM unnest($3::text[], $4::boolean[]) AS c(purpose, granted)
                """,
                [
                    tenantID, profileID, purposes.map(\.rawValue), purposes.map { statement.choices[$0] ?? false },
                    statement.source.rawValue, statement.policyVersion, statement.proof.format.rawValue,
                    statement.proof.raw, Self.recordedBy(actor), statement.occurredAt,
                ])
            var choices: [String: AuditValue] = [:]
            for purpose in purposes { choices[purpose.rawValue] = .bool(statement.choices[purpose] ?? false) }
            _ = try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: .consentChanged, target: .profile(profileID),
                    detail: [
                        "purposes": .object(choices), "source": .string(statement.source.rawValue),
                        "proofFormat": .string(statement.proof.format.rawValue),
                    ]), in: connection)
            return try await Self.overview(tenantID: tenantID, profileID: profileID, on: connection)
        }
    }

    /// Records the consent that tracking calls carried (`context.consent.categoryPreferences`),
    /// inside the ingestion transaction. Only changes are kept: a signal equal to the
    /// profile's current choice adds nothing, so the ledger holds choices, not page views.
    /// Categories that name no purpose of the tenant are ignored.
    static func recordTrackingSignals(tenantID: UUID, signals: [TrackingConsentSignal], on connection: PostgresConnection)
        async throws
    {
        var latest: [String: (signal: TrackingConsentSignal, purpose: Purpose, granted: Bool)] = [:]
        for signal in signals {
            for (purpose, granted) in ConsentSignalMapping.choices(categoryPreferences: signal.categoryPreferences) {
                let key = signal.profileID.uuidString + "/" + purpose.rawValue
                if let kept = latest[key], kept.signal.occurredAt > signal.occurredAt { continue }
                latest[key] = (signal, purpose, granted)
            }
        }
        guard !latest.isEmpty else { return }
        let candidates = latest.values.sorted { ($0.signal.profileID.uuidString, $0.purpose) < ($1.signal.profileID.uuidString, $1.purpose) }
        let changed = try await connection.query(
            """
            INSERT INTO consent_events (tenant_id, profile_id, purpose, granted, source, proof_format, proof,
                recorded_by, occurred_at)
            SELECT $1, c.profile_id, c.purpose, c.granted, 'tracking', 'segment_categories', c.proof, 'tracking',
                c.occurred_at
            FROM unnest($2::uuid[], $3::text[], $4::boolean[], $5::text[], $6::timestamptz[])
                AS c(profile_id, purpose, granted, proof, occurred_at)
            JOIN consent_purposes p ON p.tenant_id = $1 AND p.purpose = c.purpose
            WHERE NOT EXISTS (
                SELECT 1 FROM consent_states s
                WHERE s.tenant_id = $1 AND s.profile_id = c.profile_id AND s.purpose = c.purpose
                  AND s.granted = c.granted)
            RETURNING profile_id
            """,
            [
                tenantID, candidates.map(\.signal.profileID), candidates.map(\.purpose.rawValue), candidates.map(\.granted),
                candidates.map(\.signal.proof), candidates.map(\.signal.occurredAt),
            ])
        guard !changed.isEmpty else { return }
        // One entry per batch that changed anything: tracking is frequent, the chain is per tenant.
        let profiles = Set(try changed.map { try $0.decode(UUID.self, column: "profile_id") })
        _ = try await AuditLog.append(
            AuditRecord(
                tenantID: tenantID, actor: .system, action: .consentChanged,
                target: profiles.count == 1 ? profiles.first.map(AuditTarget.profile) : nil,
                detail: [
                    "source": .string(ConsentSource.tracking.rawValue), "changes": .integer(Int64(changed.count)),
                    "profiles": .integer(Int64(profiles.count)),
                ]), in: connection)
    }

    /// The ledger's `recorded_by`: the API key that recorded a choice, or who else did.
    private static func recordedBy(_ actor: AuditActor) -> String {
        switch actor {
        case .apiKey(let keyID): "key:" + keyID.uuidString.lowercased()
        case .system: "system"
        case .cli: "cli"
        }
    }

    /// Where the profile (and the set it is merged into) stands on every purpose of its tenant.
    public func overview(tenantID: UUID, profileID: UUID) async throws -> ConsentOverview {
        try await pool.withConnection { connection in
            try await Self.overview(tenantID: tenantID, profileID: profileID, on: connection)
        }
    }

    /// The ledger rows of the merged set, newest first.
    public func history(tenantID: UUID, profileID: UUID, cursor: TimeOrderedCursor?, limit: Int) async throws
        -> ConsentHistoryPage
    {
        try await pool.transaction(isolation: .repeatableRead) { connection in
            let members = try await ProfileReader.members(tenantID: tenantID, profileID: profileID, on: connection).members
            let rows = try await connection.query(
                """
                SELECT consent_id, profile_id, purpose, granted, source, policy_version, proof_format, proof,
                    recorded_by, occurred_at, recorded_at
                FROM consent_events
                WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
                  AND ($3::timestamptz IS NULL OR (occurred_at, consent_id) < ($3, $4::uuid))
                ORDER BY occurred_at DESC, consent_id DESC
                LIMIT $5
                """, [tenantID, members, cursor?.occurredAt, cursor?.id, limit + 1])
            var entries = try rows.map(Self.entry(from:))
            var next: TimeOrderedCursor?
            if entries.count > limit {
                entries.removeLast(entries.count - limit)
                next = entries.last.map { TimeOrderedCursor(occurredAt: $0.occurredAt, id: $0.id) }
            }
            return ConsentHistoryPage(entries: entries, nextCursor: next)
        }
    }

    private static func overview(tenantID: UUID, profileID: UUID, on connection: PostgresConnection) async throws
        -> ConsentOverview
    {
        let rows = try await connection.query(
            """
            WITH member AS (
                SELECT m.profile_id, m.canonical_id FROM profiles p
                JOIN profiles m ON m.tenant_id = p.tenant_id AND m.canonical_id = p.canonical_id
                WHERE p.tenant_id = $1 AND p.profile_id = $2
            ), latest AS (
                SELECT DISTINCT ON (s.purpose) s.purpose, s.granted, s.source, s.occurred_at
                FROM consent_states s JOIN member ON member.profile_id = s.profile_id
                WHERE s.tenant_id = $1
                ORDER BY s.purpose, s.occurred_at DESC, s.consent_id DESC
            )
            SELECT c.purpose, c.lawful_basis, l.granted, l.source, l.occurred_at,
                (SELECT canonical_id FROM member LIMIT 1) AS canonical_id,
                EXISTS (SELECT 1 FROM processing_restrictions r JOIN member ON member.profile_id = r.profile_id
                        WHERE r.tenant_id = $1) AS restricted,
                consent_permits($1, $2, c.purpose) AS permitted
            FROM consent_purposes c LEFT JOIN latest l ON l.purpose = c.purpose
            WHERE c.tenant_id = $1
            ORDER BY c.purpose
            """, [tenantID, profileID])
        guard let first = rows.first, let canonical = try first.decode(UUID?.self, column: "canonical_id") else {
            throw DomainError.notFound(resource: "profile", id: profileID.uuidString)
        }
        let purposes = try rows.map { row in
            PurposeConsent(
                purpose: Purpose(validated: try row.decode(String.self, column: "purpose")),
                lawfulBasis: LawfulBasis(rawValue: try row.decode(String.self, column: "lawful_basis")) ?? .consent,
                granted: try row.decode(Bool?.self, column: "granted"),
                source: try row.decode(String?.self, column: "source"),
                since: try row.decode(Date?.self, column: "occurred_at"),
                permitted: try row.decode(Bool.self, column: "permitted"))
        }
        return ConsentOverview(
            profileID: canonical, restricted: try first.decode(Bool.self, column: "restricted"), purposes: purposes)
    }

    private static func entry(from row: PostgresRow) throws -> ConsentHistoryEntry {
        ConsentHistoryEntry(
            id: try row.decode(UUID.self, column: "consent_id"), profileID: try row.decode(UUID.self, column: "profile_id"),
            purpose: Purpose(validated: try row.decode(String.self, column: "purpose")),
            granted: try row.decode(Bool.self, column: "granted"), source: try row.decode(String.self, column: "source"),
            policyVersion: try row.decode(String?.self, column: "policy_version"),
            proof: ConsentProof(
                format: ConsentProofFormat(rawValue: try row.decode(String.self, column: "proof_format")) ?? .none,
                raw: try row.decode(String?.self, column: "proof")),
            recordedBy: try row.decode(String.self, column: "recorded_by"),
            occurredAt: try row.decode(Date.self, column: "occurred_at"),
            recordedAt: try row.decode(Date.self, column: "recorded_at"))
    }
}
