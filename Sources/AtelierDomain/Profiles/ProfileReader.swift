import AtelierPostgres
import Foundation

/// Reads the single customer view for a declared purpose: one statement (one snapshot, one
/// round trip) for the identity part, then the purchase summary when a provider is
/// configured. A read sees every write acknowledged before it began (read-your-writes). A
/// profile that does not permit the purpose is not there for the read: it is not found.
public struct ProfileReader: Sendable {
    private let pools: PersonalDataPools
    private let purchases: (any PurchaseSummaryProviding)?

    public init(pools: PersonalDataPools, purchases: (any PurchaseSummaryProviding)? = nil) {
        self.pools = pools
        self.purchases = purchases
    }

    /// The view of the live profile `profileID` belongs to (itself, or the survivor it was merged into).
    public func view(tenantID: UUID, profileID: UUID, purpose: ReadPurpose) async throws -> ProfileView {
        try await view(tenantID: tenantID, target: .profile(profileID), purpose: purpose) {
            DomainError.notVisible(resource: "profile", id: profileID.uuidString, purpose: purpose.rawValue)
        }
    }

    /// The view of the profile holding `identifier`, normalised as at ingestion (the
    /// tenant's phone region is read only for phone numbers).
    public func view(tenantID: UUID, type: String, rawValue: String, purpose: ReadPurpose) async throws -> ProfileView {
        let pool = pools.pool(for: purpose)
        let normaliser =
            type == Identifier.phone
            ? try await IdentityRuleStore(pool: pool).normaliser(tenantID: tenantID) : IdentifierNormaliser()
        let identifier = try normaliser.normalise(type: type, rawValue: rawValue, field: "identifier")
        return try await view(tenantID: tenantID, target: .identifier(identifier), purpose: purpose) {
            DomainError.notVisible(
                resource: "profile with identifier", id: identifier.description, purpose: purpose.rawValue)
        }
    }

    private func view(
        tenantID: UUID, target: ProfileViewQuery.Target, purpose: ReadPurpose, missing: () -> DomainError
    ) async throws -> ProfileView {
        let found = try await pools.pool(for: purpose).withConnection { connection in
            try await ProfileViewQuery(tenantID: tenantID, connection: connection).view(of: target)
        }
        guard var view = found else { throw missing() }
        if let purchases {
            view.purchases = try await purchases.summary(
                tenantID: tenantID, profileIDs: view.profileIDs, purpose: purpose)
        }
        return view
    }

    /// The original profiles merged into the live profile of `profileID`, live one first.
    /// `purpose` names the purpose `connection` reads for, if any, for the not-found error.
    static func members(
        tenantID: UUID, profileID: UUID, on connection: PostgresConnection, purpose: ReadPurpose? = nil
    ) async throws
        -> (canonical: UUID, members: [UUID])
    {
        let rows = try await connection.query(
            """
            SELECT m.profile_id, m.canonical_id FROM profiles p
            JOIN profiles m ON m.tenant_id = p.tenant_id AND m.canonical_id = p.canonical_id
            WHERE p.tenant_id = $1 AND p.profile_id = $2
            """, [tenantID, profileID])
        guard let first = rows.first else {
            guard let purpose else { throw DomainError.notFound(resource: "profile", id: profileID.uuidString) }
            throw DomainError.notVisible(resource: "profile", id: profileID.uuidString, purpose: purpose.rawValue)
        }
        let canonical = try first.decode(UUID.self, column: "canonical_id")
        let members = try rows.map { try $0.decode(UUID.self, column: "profile_id") }
        return (canonical, members.sorted { ($0 == canonical ? 0 : 1, $0) < ($1 == canonical ? 0 : 1, $1) })
    }
}
