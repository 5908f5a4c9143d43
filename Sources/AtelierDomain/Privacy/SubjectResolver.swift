import AtelierPostgres
import Foundation

/// Finds a data subject's profiles from the identities a request names: every profile owning
/// one of them (in clear or by SHA-256, through `privacy_identity_digest`), then every
/// profile merged with those (the live profile and all it absorbed).
enum SubjectResolver {
    /// The live (canonical) profiles owning any of `identifiers`, sorted.
    static func canonicalProfiles(tenantID: UUID, identifiers: [Identifier], on connection: PostgresConnection)
        async throws -> [UUID]
    {
        guard !identifiers.isEmpty else { return [] }
        return try await connection.query(
            """
            SELECT DISTINCT p.canonical_id FROM unnest($2::text[], $3::text[]) AS u(type, value)
            JOIN profile_identifiers i
                ON i.tenant_id = $1 AND privacy_identity_digest(i.type, i.value) = privacy_identity_digest(u.type, u.value)
            JOIN profiles p ON p.tenant_id = $1 AND p.profile_id = i.profile_id
            ORDER BY 1
            """, [tenantID, identifiers.map(\.type), identifiers.map(\.value)]
        ).map { try $0.decode(UUID.self, column: "canonical_id") }
    }

    /// Every profile of the live profile `canonical`, locked against merges while the caller's
    /// transaction runs; empty when `canonical` was merged into another since it was found.
    static func lockMembers(tenantID: UUID, canonical: UUID, on connection: PostgresConnection) async throws -> [UUID] {
        try await connection.query(
            "SELECT profile_id FROM profiles WHERE tenant_id = $1 AND canonical_id = $2 ORDER BY profile_id FOR UPDATE",
            [tenantID, canonical]
        ).map { try $0.decode(UUID.self, column: "profile_id") }
    }

    /// Every profile of the subject, for reading (exports, restrictions).
    static func members(tenantID: UUID, identifiers: [Identifier], on connection: PostgresConnection) async throws
        -> [UUID]
    {
        let canonicals = try await canonicalProfiles(tenantID: tenantID, identifiers: identifiers, on: connection)
        guard !canonicals.isEmpty else { return [] }
        return try await connection.query(
            "SELECT profile_id FROM profiles WHERE tenant_id = $1 AND canonical_id = ANY($2::uuid[]) ORDER BY profile_id",
            [tenantID, canonicals]
        ).map { try $0.decode(UUID.self, column: "profile_id") }
    }

    /// The identifiers of `profileIDs`, in clear: those they own, and those their own calls
    /// carried but the limits refused (a second e-mail), which name no one else. Values the
    /// tenant blocked as shared (a store's tablet) are left out: they name no one.
    static func identifiers(tenantID: UUID, profileIDs: [UUID], on connection: PostgresConnection) async throws
        -> [Identifier]
    {
        guard !profileIDs.isEmpty else { return [] }
        return try await connection.query(
            """
            SELECT type, value FROM profile_identifiers WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
            UNION
            SELECT identifier_type, identifier_value FROM merge_refusals
            WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) AND rule = 'limit' AND other_profile_id IS NULL
            EXCEPT
            SELECT type, value FROM blocked_identifiers WHERE tenant_id = $1
            ORDER BY 1, 2
            """, [tenantID, profileIDs]
        ).map {
            Identifier(
                type: try $0.decode(String.self, column: "type"), value: try $0.decode(String.self, column: "value"))
        }
    }

    /// `privacy_keyed_hash` of each identifier's digest and of each profile id: how exports and
    /// requests name their subject without naming anyone. Use inside SQL as
    /// `ARRAY(SELECT … FROM unnest($a::text[]) …)`; see `subjectKeysSQL`.
    static func subjectKeyMessages(identifiers: [Identifier], profileIDs: [UUID]) -> (types: [String], values: [String])
    {
        (
            identifiers.map(\.type) + profileIDs.map { _ in profileKeyType },
            identifiers.map(\.value) + profileIDs.map { $0.uuidString.lowercased() }
        )
    }

    /// The identity type under which profile ids are keyed.
    static let profileKeyType = "profile_id"

    /// SQL of the subject keys of parallel arrays `types` and `values` (parameter names), for
    /// a `FROM tenant_secrets k` row.
    static func subjectKeysSQL(types: String, values: String) -> String {
        """
        ARRAY(SELECT DISTINCT privacy_keyed_hash(k.inner_pad, k.outer_pad, privacy_identity_digest(u.type, u.value))
              FROM unnest(\(types)::text[], \(values)::text[]) AS u(type, value))
        """
    }
}
