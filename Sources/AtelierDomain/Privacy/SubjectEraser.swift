import AtelierPostgres
import Foundation

/// Erases a data subject: finds their profiles through every identity the request names
/// (and the identity graph), erases each merged set in one transaction (suppression entries
/// for all its identifiers, then every table of `PersonalDataRegistry`), waits for writers
/// that raced it, sweeps what they wrote, and completes the request with its receipt.
struct SubjectEraser {
    let pool: PostgresPool

    /// Rounds of "find profiles, erase them" before giving up on a subject whose profiles keep
    /// being merged elsewhere while they are erased.
    static let maximumRounds = 5

    func erase(
        tenantID: UUID, request: PrivacyRequest, identifiers supplied: [Identifier], progress saved: ErasureProgress
    ) async throws -> ErasureReceipt {
        var progress = saved
        var identifiers = Set(supplied)
        try await eraseProfiles(
            tenantID: tenantID, requestID: request.id, supplied: supplied, identifiers: &identifiers,
            progress: &progress)
        // Writers that checked the suppression list before the first round committed may still
        // write; once they have ended, a second round and a sweep catch what they wrote.
        try await TransactionFence.waitForTransactionsInFlight(pool: pool)
        try await eraseProfiles(
            tenantID: tenantID, requestID: request.id, supplied: supplied, identifiers: &identifiers,
            progress: &progress)
        return try await pool.transaction { [progress, identifiers] connection in
            var progress = progress
            let all = identifiers.sorted()
            let scope = PersonalDataScope(tenantID: tenantID, profileIDs: progress.profileIDs, identifiers: all)
            progress.add(try await PersonalDataRegistry.erase(scope, on: connection))
            progress.suppressed += try await Self.suppress(
                all, tenantID: tenantID, requestID: request.id, on: connection)
            progress.add(try await Self.forgetOtherCopies(scope, requestID: request.id, on: connection))
            let receipt = ErasureReceipt(
                receiptID: UUID(), startedAt: request.startedAt ?? request.receivedAt, completedAt: Date(),
                profilesErased: progress.profileIDs.count, identifiersSuppressed: progress.suppressed,
                tables: (PersonalDataRegistry.tableNames + Self.otherCopies).map {
                    ErasureReceipt.TableCount(table: $0, rows: progress.tables[$0] ?? 0)
                },
                modelsAffected: PersonalDataRegistry.modelsAffected(by: progress.tables))
            try await PrivacyRequestProcessor.complete(
                tenantID: tenantID, request: request, results: PrivacyResults(receipt: receipt), on: connection)
            return receipt
        }
    }

    /// Erases every merged set owning one of `identifiers`, each in its own transaction, until
    /// a round finds none; the identifiers of erased profiles join `identifiers`.
    private func eraseProfiles(
        tenantID: UUID, requestID: UUID, supplied: [Identifier], identifiers: inout Set<Identifier>,
        progress: inout ErasureProgress
    ) async throws {
        for _ in 0..<Self.maximumRounds {
            let known = identifiers.sorted()
            let canonicals = try await pool.withConnection { connection in
                try await SubjectResolver.canonicalProfiles(tenantID: tenantID, identifiers: known, on: connection)
            }
            guard !canonicals.isEmpty else { return }
            for canonical in canonicals {
                let before = progress
                let step = try await IdentityTransaction.run(pool: pool) { connection in
                    try await Self.eraseSet(
                        canonical, tenantID: tenantID, requestID: requestID, supplied: supplied, progress: before,
                        on: connection)
                }
                if let step {
                    identifiers.formUnion(step.identifiers)
                    progress = step.progress
                }
            }
        }
        throw DomainError.conflict(
            reason: "the subject's profiles kept changing while they were erased; the job will retry")
    }

    private struct Step {
        var identifiers: [Identifier]
        var progress: ErasureProgress
    }

    /// One merged set, in the caller's transaction: locked, suppressed, erased, progress saved.
    /// Nil when the set was merged into another since it was found (the next round finds it).
    private static func eraseSet(
        _ canonical: UUID, tenantID: UUID, requestID: UUID, supplied: [Identifier], progress: ErasureProgress,
        on connection: PostgresConnection
    ) async throws -> Step? {
        let members = try await SubjectResolver.lockMembers(tenantID: tenantID, canonical: canonical, on: connection)
        guard !members.isEmpty else { return nil }
        let own = try await SubjectResolver.identifiers(tenantID: tenantID, profileIDs: members, on: connection)
        let scope = PersonalDataScope(tenantID: tenantID, profileIDs: members, identifiers: Array(Set(own + supplied)))
        var progress = progress
        progress.suppressed += try await suppress(
            scope.identifiers, tenantID: tenantID, requestID: requestID, on: connection)
        progress.add(try await PersonalDataRegistry.erase(scope, on: connection))
        progress.profileIDs = Array(Set(progress.profileIDs + members)).sorted()
        try await connection.execute(
            "UPDATE privacy_requests SET progress = $3::jsonb WHERE tenant_id = $1 AND request_id = $2",
            [tenantID, requestID, PostgresJSON(try PrivacyJSON.encode(progress))])
        return Step(identifiers: own, progress: progress)
    }

    /// Puts the keyed hash of each identifier on the suppression list, except values the
    /// tenant blocked as shared; returns how many were new.
    static func suppress(
        _ identifiers: [Identifier], tenantID: UUID, requestID: UUID, on connection: PostgresConnection
    ) async throws -> Int {
        guard !identifiers.isEmpty else { return 0 }
        return try await connection.execute(
            """
            INSERT INTO suppressed_identifiers (tenant_id, key_hash, identity_type, request_id)
            SELECT $1, privacy_keyed_hash(k.inner_pad, k.outer_pad, privacy_identity_digest(u.type, u.value)),
                regexp_replace(u.type, '_sha256$', ''), $2
            FROM unnest($3::text[], $4::text[]) AS u(type, value) JOIN tenant_secrets k ON k.tenant_id = $1
            WHERE NOT EXISTS (
                SELECT 1 FROM blocked_identifiers b WHERE b.tenant_id = $1 AND b.type = u.type AND b.value = u.value)
            ON CONFLICT (tenant_id, key_hash) DO NOTHING
            """, [tenantID, requestID, identifiers.map(\.type), identifiers.map(\.value)])
    }

    /// Copies the privacy layer itself made: exports of the subject (deleted) and identities
    /// named in clear by the tenant's other requests about them (forgotten).
    static let otherCopies = ["privacy_exports", "privacy_requests"]

    private static func forgetOtherCopies(
        _ scope: PersonalDataScope, requestID: UUID, on connection: PostgresConnection
    ) async throws -> [String: Int] {
        let keys = SubjectResolver.subjectKeyMessages(identifiers: scope.identifiers, profileIDs: scope.profileIDs)
        let subject =
            "SELECT \(SubjectResolver.subjectKeysSQL(types: "$2", values: "$3")) AS keys FROM tenant_secrets k WHERE k.tenant_id = $1"
        let exports = try await connection.execute(
            """
            WITH subject AS (\(subject))
            DELETE FROM privacy_exports e USING subject WHERE e.tenant_id = $1 AND e.subject_keys && subject.keys
            """, [scope.tenantID, keys.types, keys.values])
        let requests = try await connection.execute(
            """
            WITH subject AS (\(subject))
            UPDATE privacy_requests r SET subject_identities = NULL FROM subject
            WHERE r.tenant_id = $1 AND r.request_id <> $4 AND r.subject_identities IS NOT NULL
              AND r.subject_keys && subject.keys
            """, [scope.tenantID, keys.types, keys.values, requestID])
        return ["privacy_exports": exports, "privacy_requests": requests]
    }
}
