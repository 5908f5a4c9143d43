import AtelierPostgres
import Foundation

/// Loads the part of a tenant's identity graph a batch touches, locking the live profiles
/// the batch may change so concurrent batches serialise on them.
///
/// Locking: `SELECT … ORDER BY profile_id FOR UPDATE` on the canonical profile rows (row
/// locks, so a batch of thousands of identifiers never fills PostgreSQL's lock table, as
/// advisory locks would), in one sorted statement so two batches never lock in opposite
/// orders. New identifiers are claimed under transaction-level advisory locks (sorted, on a
/// hash of tenant, type and value; only the new ones, so their number stays small), then
/// looked up again: two batches first seeing the same identifier agree on one owner instead
/// of racing on its primary key.
struct IdentityGraphLoader {
    let tenantID: UUID
    let connection: PostgresConnection

    func load(_ requests: [ResolutionRequest], rules: IdentityRules) async throws -> IdentityGraph {
        let identifiers = Array(Set(requests.flatMap(\.identifiers))).sorted()
        var lookup = try await self.lookup(identifiers)
        let unowned = identifiers.filter { lookup.owners[$0] == nil && !lookup.blocked.contains($0) }
        if !unowned.isEmpty {
            try await connection.execute(
                "SELECT pg_advisory_xact_lock(key) FROM unnest($1::bigint[]) AS u(key)",
                [Array(Set(unowned.map { IdentifierLock.key(tenantID: tenantID, identifier: $0) })).sorted()])
            let claimed = try await self.lookup(unowned)
            lookup.owners.merge(claimed.owners) { _, fresh in fresh }
            lookup.canonicalOf.merge(claimed.canonicalOf) { _, fresh in fresh }
        }
        let (owners, canonicalOf, blocked) = (lookup.owners, lookup.canonicalOf, lookup.blocked)
        var toLock: Set<UUID> = []
        for request in requests
        where IdentityGraph.needsChange(request.identifiers, owners: owners, canonicalOf: canonicalOf, blocked: blocked) {
            for identifier in request.identifiers {
                if let owner = owners[identifier], let canonical = canonicalOf[owner] { toLock.insert(canonical) }
            }
        }
        let sets = try await lockSets(Array(toLock), expecting: canonicalOf, rules: rules)
        let members = sets.values.flatMap(\.members)
        return IdentityGraph(
            rules: rules, owners: owners, canonicalOf: canonicalOf, sets: sets, blocked: blocked,
            unmergedPairs: try await unmergedPairs(among: members), now: Date())
    }

    /// Locks the live profiles `canonicals` and loads their members and limited counts.
    /// Throws `IdentityConflict` when one was merged or split since the lookup.
    private func lockSets(
        _ canonicals: [UUID], expecting canonicalOf: [UUID: UUID], rules: IdentityRules
    ) async throws -> [UUID: ProfileSet] {
        guard !canonicals.isEmpty else { return [:] }
        let locked = try await connection.query(
            """
            SELECT profile_id, canonical_id, created_at FROM profiles
            WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])
            ORDER BY profile_id FOR UPDATE
            """, [tenantID, canonicals])
        var sets: [UUID: ProfileSet] = [:]
        for row in locked {
            let id = try row.decode(UUID.self, column: "profile_id")
            guard try row.decode(UUID.self, column: "canonical_id") == id else {
                throw IdentityConflict("profile \(id) was merged while the batch resolved")
            }
            sets[id] = ProfileSet(
                canonical: id, createdAt: try row.decode(Date.self, column: "created_at"), members: [], counts: [:])
        }
        for row in try await connection.query(
            "SELECT profile_id, canonical_id FROM profiles WHERE tenant_id = $1 AND canonical_id = ANY($2::uuid[])",
            [tenantID, canonicals])
        {
            sets[try row.decode(UUID.self, column: "canonical_id")]?.members.append(
                try row.decode(UUID.self, column: "profile_id"))
        }
        for (owner, canonical) in canonicalOf where sets[canonical] != nil {
            guard sets[canonical]?.members.contains(owner) == true else {
                throw IdentityConflict("profile \(owner) was unmerged while the batch resolved")
            }
        }
        let limited = rules.limitedTypes
        for row in try await connection.query(
            """
            SELECT p.canonical_id, i.type, count(*) AS count
            FROM profiles p JOIN profile_identifiers i ON i.tenant_id = p.tenant_id AND i.profile_id = p.profile_id
            WHERE p.tenant_id = $1 AND p.canonical_id = ANY($2::uuid[]) AND i.type = ANY($3::text[])
            GROUP BY p.canonical_id, i.type
            """, [tenantID, canonicals, limited])
        {
            sets[try row.decode(UUID.self, column: "canonical_id")]?.counts[try row.decode(String.self, column: "type")] =
                try row.decode(Int.self, column: "count")
        }
        return sets
    }

    private func unmergedPairs(among members: [UUID]) async throws -> Set<[UUID]> {
        guard !members.isEmpty else { return [] }
        var pairs: Set<[UUID]> = []
        for row in try await connection.query(
            """
            SELECT survivor_id, absorbed_id FROM profile_merges
            WHERE tenant_id = $1 AND undone_at IS NOT NULL
              AND (survivor_id = ANY($2::uuid[]) OR absorbed_id = ANY($2::uuid[]))
            """, [tenantID, members])
        {
            let survivor = try row.decode(UUID.self, column: "survivor_id")
            let absorbed = try row.decode(UUID.self, column: "absorbed_id")
            pairs.insert([survivor, absorbed])
            pairs.insert([absorbed, survivor])
        }
        return pairs
    }

    private struct Lookup {
        var owners: [Identifier: UUID] = [:]
        var canonicalOf: [UUID: UUID] = [:]
        var blocked: Set<Identifier> = []
    }

    /// Owners, their live profiles and blocked flags of `identifiers`, in one query.
    private func lookup(_ identifiers: [Identifier]) async throws -> Lookup {
        var found = Lookup()
        for row in try await connection.query(Self.lookupSQL, [tenantID, identifiers.map(\.type), identifiers.map(\.value)]) {
            let identifier = Identifier(
                type: try row.decode(String.self, column: "type"), value: try row.decode(String.self, column: "value"))
            if try row.decode(Bool.self, column: "blocked") { found.blocked.insert(identifier) }
            if let owner = try row.decode(UUID?.self, column: "profile_id") {
                found.owners[identifier] = owner
                found.canonicalOf[owner] = try row.decode(UUID.self, column: "canonical_id")
            }
        }
        return found
    }

    private static let lookupSQL = """
        SELECT u.type, u.value, i.profile_id, p.canonical_id, (b.value IS NOT NULL) AS blocked
        FROM unnest($2::text[], $3::text[]) AS u(type, value)
        LEFT JOIN profile_identifiers i ON i.tenant_id = $1 AND i.type = u.type AND i.value = u.value
        LEFT JOIN profiles p ON p.tenant_id = $1 AND p.profile_id = i.profile_id
        LEFT JOIN blocked_identifiers b ON b.tenant_id = $1 AND b.type = u.type AND b.value = u.value
        """
}
