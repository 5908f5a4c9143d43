import AtelierPostgres
import Foundation

/// Reads the single customer view: one statement (one snapshot, one round trip) for the
/// identity part, then the purchase summary when a provider is configured. A read sees
/// every write acknowledged before it began (read-your-writes).
public struct ProfileReader: Sendable {
    private let pool: PostgresPool
    private let purchases: (any PurchaseSummaryProviding)?

    public init(pool: PostgresPool, purchases: (any PurchaseSummaryProviding)? = nil) {
        self.pool = pool
        self.purchases = purchases
    }

    /// The view of the live profile `profileID` belongs to (itself, or the survivor it was merged into).
    public func view(tenantID: UUID, profileID: UUID) async throws -> ProfileView {
        try await view(tenantID: tenantID, target: .profile(profileID)) {
            DomainError.notFound(resource: "profile", id: profileID.uuidString)
        }
    }

    /// The view of the profile holding `identifier`, normalised as at ingestion (the
    /// tenant's phone region is read only for phone numbers).
    public func view(tenantID: UUID, type: String, rawValue: String) async throws -> ProfileView {
        let normaliser =
            type == Identifier.phone
            ? try await IdentityRuleStore(pool: pool).normaliser(tenantID: tenantID) : IdentifierNormaliser()
        let identifier = try normaliser.normalise(type: type, rawValue: rawValue, field: "identifier")
        return try await view(tenantID: tenantID, target: .identifier(identifier)) {
            DomainError.notFound(resource: "profile with identifier", id: identifier.description)
        }
    }

    private func view(
        tenantID: UUID, target: ProfileViewQuery.Target, missing: () -> DomainError
    ) async throws -> ProfileView {
        let found = try await pool.withConnection { connection in
            try await ProfileViewQuery(tenantID: tenantID, connection: connection).view(of: target)
        }
        guard var view = found else { throw missing() }
        if let purchases {
            view.purchases = try await purchases.summary(tenantID: tenantID, profileIDs: view.profileIDs)
        }
        return view
    }

    /// The original profiles merged into the live profile of `profileID`, live one first.
    static func members(tenantID: UUID, profileID: UUID, on connection: PostgresConnection) async throws
        -> (canonical: UUID, members: [UUID])
    {
        let rows = try await connection.query(
            """
            SELECT m.profile_id, m.canonical_id FROM profiles p
            JOIN profiles m ON m.tenant_id = p.tenant_id AND m.canonical_id = p.canonical_id
            WHERE p.tenant_id = $1 AND p.profile_id = $2
            """, [tenantID, profileID])
        guard let first = rows.first else { throw DomainError.notFound(resource: "profile", id: profileID.uuidString) }
        let canonical = try first.decode(UUID.self, column: "canonical_id")
        let members = try rows.map { try $0.decode(UUID.self, column: "profile_id") }
        return (canonical, members.sorted { ($0 == canonical ? 0 : 1, $0) < ($1 == canonical ? 0 : 1, $1) })
    }
}
