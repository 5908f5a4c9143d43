import AtelierPostgres
import Foundation

/// Explains and undoes merges. An unmerge points the absorbed profiles back at their own
/// live profile; their identifiers, traits and events come back with them because a merge
/// never moved them. The pair is then kept apart: identity resolution refuses to merge
/// them again automatically (rule `unmerged`).
public struct MergeHistory: Sendable {
    private let pool: PostgresPool
    private let readers: PersonalDataPools

    /// - Parameters:
    ///   - pool: the owner's pool, for unmerging (a write).
    ///   - readers: the purpose pools the history is read through.
    public init(pool: PostgresPool, readers: PersonalDataPools) {
        self.pool = pool
        self.readers = readers
    }

    /// Every merge touching the profiles now in the view of `profileID`, newest first, and
    /// the links that were refused for them, as far as `purpose` may see them.
    public func history(tenantID: UUID, profileID: UUID, purpose: ReadPurpose) async throws
        -> (merges: [MergeRecord], refusals: [MergeRefusal])
    {
        try await readers.pool(for: purpose).transaction(isolation: .repeatableRead) { connection in
            let members = try await ProfileReader.members(
                tenantID: tenantID, profileID: profileID, on: connection, purpose: purpose
            ).members
            let merges = try await connection.query(
                """
                SELECT \(Self.mergeColumns) FROM profile_merges
                WHERE tenant_id = $1 AND (survivor_id = ANY($2::uuid[]) OR absorbed_id = ANY($2::uuid[]))
                ORDER BY created_at DESC, merge_id
                """, [tenantID, members]
            ).map(Self.merge(from:))
            let refusals = try await connection.query(
                """
                SELECT profile_id, rule, identifier_type, identifier_value, other_profile_id, reason, message_id, created_at
                FROM merge_refusals WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
                ORDER BY created_at DESC, identifier_type, identifier_value
                """, [tenantID, members]
            ).map { row in
                MergeRefusal(
                    profileID: try row.decode(UUID.self, column: "profile_id"),
                    rule: MergeRefusalRule(rawValue: try row.decode(String.self, column: "rule")) ?? .limit,
                    identifier: Identifier(
                        type: try row.decode(String.self, column: "identifier_type"),
                        value: try row.decode(String.self, column: "identifier_value")),
                    otherProfileID: try row.decode(UUID?.self, column: "other_profile_id"),
                    reason: try row.decode(String.self, column: "reason"),
                    messageID: try row.decode(String?.self, column: "message_id"),
                    createdAt: try row.decode(Date.self, column: "created_at"))
            }
            return (merges, refusals)
        }
    }

    /// Undoes `mergeID`, which must concern the view of `profileID`. Undoing twice is
    /// refused as a conflict rather than silently ignored, so a client sees it raced.
    /// Audited as `profile.unmerged` by `actor`, also when refused (unknown merge, undone twice).
    public func unmerge(tenantID: UUID, profileID: UUID, mergeID: UUID, by actor: AuditActor = .system) async throws
        -> UnmergeResult
    {
        let record = AuditRecord(
            tenantID: tenantID, actor: actor, action: .profileUnmerged, target: .profile(profileID),
            detail: ["mergeId": .string(mergeID.uuidString.lowercased())])
        return try await AuditLog(pool: pool).recordingRefusal(of: record) {
            try await undo(tenantID: tenantID, profileID: profileID, mergeID: mergeID, audited: record)
        }
    }

    private func undo(tenantID: UUID, profileID: UUID, mergeID: UUID, audited record: AuditRecord) async throws
        -> UnmergeResult
    {
        try await IdentityTransaction.run(pool: pool) { connection in
            let members = try await ProfileReader.members(tenantID: tenantID, profileID: profileID, on: connection)
            let rows = try await connection.query(
                "SELECT \(Self.mergeColumns) FROM profile_merges WHERE tenant_id = $1 AND merge_id = $2",
                [tenantID, mergeID])
            guard let row = rows.first else { throw DomainError.notFound(resource: "merge", id: mergeID.uuidString) }
            let merge = try Self.merge(from: row)
            guard members.members.contains(merge.survivorID) || members.members.contains(merge.absorbedID) else {
                throw DomainError.notFound(resource: "merge", id: mergeID.uuidString)
            }
            guard merge.undoneAt == nil else {
                throw DomainError.conflict(reason: "merge \(mergeID.uuidString.lowercased()) was already undone")
            }
            let locked = try await connection.query(
                "SELECT canonical_id FROM profiles WHERE tenant_id = $1 AND profile_id = $2 FOR UPDATE",
                [tenantID, members.canonical])
            guard try locked.first?.decode(UUID.self, column: "canonical_id") == members.canonical else {
                throw IdentityConflict("profile \(members.canonical) was merged during the unmerge")
            }
            let restored = try await connection.query(
                """
                UPDATE profiles SET canonical_id = $3
                WHERE tenant_id = $1 AND profile_id = ANY($4::uuid[]) AND canonical_id = $2
                RETURNING profile_id
                """, [tenantID, members.canonical, merge.absorbedID, merge.absorbedProfileIDs])
            try await connection.execute(
                "UPDATE profile_merges SET undone_at = clock_timestamp() WHERE tenant_id = $1 AND merge_id = $2",
                [tenantID, mergeID])
            var undone = merge
            undone.undoneAt = Date()
            let result = UnmergeResult(
                merge: undone, restoredProfileIDs: try restored.map { try $0.decode(UUID.self, column: "profile_id") }.sorted {
                    $0.uuidString < $1.uuidString
                })
            var detail = record.detail
            detail["survivorId"] = .string(merge.survivorID.uuidString.lowercased())
            detail["absorbedId"] = .string(merge.absorbedID.uuidString.lowercased())
            detail["restoredProfileIds"] = .list(result.restoredProfileIDs.map { .string($0.uuidString.lowercased()) })
            try await AuditLog.append(record.with(detail: detail), in: connection)
            return result
        }
    }

    private static let mergeColumns = """
        merge_id, survivor_id, absorbed_id, absorbed_members, reason, identifier_type, identifier_value, message_id,
        created_at, undone_at
        """

    private static func merge(from row: PostgresRow) throws -> MergeRecord {
        MergeRecord(
            id: try row.decode(UUID.self, column: "merge_id"), survivorID: try row.decode(UUID.self, column: "survivor_id"),
            absorbedID: try row.decode(UUID.self, column: "absorbed_id"),
            absorbedProfileIDs: try row.decode([UUID].self, column: "absorbed_members"),
            reason: try row.decode(String.self, column: "reason"),
            identifier: Identifier(
                type: try row.decode(String.self, column: "identifier_type"),
                value: try row.decode(String.self, column: "identifier_value")),
            messageID: try row.decode(String?.self, column: "message_id"),
            createdAt: try row.decode(Date.self, column: "created_at"),
            undoneAt: try row.decode(Date?.self, column: "undone_at"))
    }
}
