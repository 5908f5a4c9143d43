import AtelierPostgres
import Foundation

/// Stores an `IdentityPlan` with one statement per kind of change, whatever the batch size.
struct IdentityPlanWriter {
    let tenantID: UUID
    let connection: PostgresConnection

    func write(_ plan: IdentityPlan, graph: IdentityGraph) async throws {
        try await write(plan) { graph.canonical(of: $0) }
    }

    /// Stores `plan`; `canonical` names the live profile of each new profile.
    func write(_ plan: IdentityPlan, canonical: (UUID) -> UUID) async throws {
        guard !plan.isEmpty else { return }
        if !plan.newProfiles.isEmpty {
            try await connection.execute(
                """
                INSERT INTO profiles (tenant_id, profile_id, canonical_id, created_at)
                SELECT $1, id, canonical, created FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[]) AS u(id, canonical, created)
                """,
                [
                    tenantID, plan.newProfiles.map(\.id), plan.newProfiles.map { canonical($0.id) },
                    plan.newProfiles.map(\.createdAt),
                ])
        }
        if !plan.movedProfiles.isEmpty {
            let moved = plan.movedProfiles.sorted { $0.key < $1.key }
            try await connection.execute(
                """
                UPDATE profiles p SET canonical_id = u.canonical
                FROM unnest($2::uuid[], $3::uuid[]) AS u(id, canonical)
                WHERE p.tenant_id = $1 AND p.profile_id = u.id
                """, [tenantID, moved.map(\.key), moved.map(\.value)])
        }
        try await insertIdentifiers(plan.newIdentifiers)
        if !plan.merges.isEmpty {
            try await insertMerges(plan.merges)
        }
        if !plan.refusals.isEmpty {
            try await insertRefusals(plan.refusals)
        }
    }

    /// Inserts in key order (so concurrent batches wait on each other in one direction
    /// only); a key another transaction took first is an `IdentityConflict`.
    private func insertIdentifiers(_ identifiers: [(identifier: Identifier, profileID: UUID)]) async throws {
        guard !identifiers.isEmpty else { return }
        let sorted = identifiers.sorted { $0.identifier < $1.identifier }
        let inserted = try await connection.execute(
            """
            INSERT INTO profile_identifiers (tenant_id, type, value, profile_id)
            SELECT $1, type, value, profile_id FROM unnest($2::text[], $3::text[], $4::uuid[]) AS u(type, value, profile_id)
            ON CONFLICT DO NOTHING
            """,
            [tenantID, sorted.map(\.identifier.type), sorted.map(\.identifier.value), sorted.map(\.profileID)])
        guard inserted == sorted.count else {
            throw IdentityConflict("another transaction claimed a new identifier first")
        }
    }

    private func insertMerges(_ merges: [IdentityPlan.Merge]) async throws {
        for merge in merges {
            try await connection.execute(
                """
                INSERT INTO profile_merges (tenant_id, merge_id, survivor_id, absorbed_id, absorbed_members, reason,
                    identifier_type, identifier_value, message_id)
                VALUES ($1, $2, $3, $4, $5::uuid[], $6, $7, $8, $9)
                """,
                [
                    tenantID, merge.id, merge.survivor, merge.absorbed, merge.absorbedMembers, merge.reason,
                    merge.identifier.type, merge.identifier.value, merge.messageID,
                ])
        }
    }

    private func insertRefusals(_ refusals: [IdentityPlan.Refusal]) async throws {
        try await connection.execute(
            """
            INSERT INTO merge_refusals (tenant_id, profile_id, rule, identifier_type, identifier_value,
                other_profile_id, reason, message_id)
            SELECT $1, profile_id, rule, type, value, other, reason, message_id
            FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])
                AS u(profile_id, rule, type, value, other, reason, message_id)
            ON CONFLICT DO NOTHING
            """,
            [
                tenantID, refusals.map(\.profileID), refusals.map(\.rule.rawValue), refusals.map(\.identifier.type),
                refusals.map(\.identifier.value), refusals.map(\.otherProfileID), refusals.map(\.reason),
                refusals.map(\.messageID),
            ])
    }
}
