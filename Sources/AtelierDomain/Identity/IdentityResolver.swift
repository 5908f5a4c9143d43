import AtelierPostgres
import Foundation

/// Deterministic identity resolution: attaches facts (events, orders) to profiles through
/// their identifiers, merging profiles when one fact links two of them, within the tenant's
/// rules. Every merge and refusal is recorded with its reason.
///
/// Runs inside the caller's transaction so the fact and the identity changes it causes
/// commit together. Concurrent transactions may race for the same new identifier or
/// profile; the loser gets `IdentityConflict` and must rerun its whole transaction; run
/// the transaction through `IdentityTransaction` to get that for free.
public struct IdentityResolver: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Normalises a raw identifier with the tenant's default phone region. Throws
    /// `DomainError.invalid` naming `field` when the value cannot be of that type.
    public func normalise(tenantID: UUID, type: String, rawValue: String, field: String = "/identifier") async throws
        -> Identifier
    {
        try await IdentityRuleStore(pool: pool).normaliser(tenantID: tenantID)
            .normalise(type: type, rawValue: rawValue, field: field)
    }

    /// The original profile the fact attaches to (not necessarily live: `canonical_id` of
    /// that profile names the live one). Facts keep their original profile, which is what
    /// lets an unmerge give each profile its own facts back.
    public func resolve(
        tenantID: UUID, identifiers: [Identifier], reason: String, messageID: String? = nil,
        on connection: PostgresConnection
    ) async throws -> UUID {
        let attached = try await resolve(
            tenantID: tenantID,
            requests: [ResolutionRequest(identifiers: identifiers, reason: reason, messageID: messageID)],
            on: connection)
        guard let profile = attached.first else { throw IdentityConflict("resolution returned no profile") }
        return profile
    }

    /// Resolves a batch in order with a fixed number of statements: the profile of each
    /// request, in the same order.
    public func resolve(tenantID: UUID, requests: [ResolutionRequest], on connection: PostgresConnection)
        async throws -> [UUID]
    {
        guard !requests.isEmpty else { return [] }
        return try await resolve(
            tenantID: tenantID, requests: requests, rules: try await IdentityRuleStore.rules(tenantID: tenantID, on: connection),
            on: connection)
    }

    /// The batch resolution with rules the caller already loaded.
    func resolve(tenantID: UUID, requests: [ResolutionRequest], rules: IdentityRules, on connection: PostgresConnection)
        async throws -> [UUID]
    {
        guard !requests.isEmpty else { return [] }
        var graph = try await IdentityGraphLoader(tenantID: tenantID, connection: connection).load(requests, rules: rules)
        let attached = requests.map { graph.resolve($0) }
        try await IdentityPlanWriter(tenantID: tenantID, connection: connection).write(graph.plan, graph: graph)
        return attached
    }
}
