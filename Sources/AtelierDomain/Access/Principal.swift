import Foundation

/// Who is calling: the key's tenant and what it may do. Every domain call takes the
/// tenant from here, never from the request, so a key can only reach its own tenant.
public struct Principal: Sendable, Equatable {
    public var tenantID: UUID
    public var keyID: UUID
    public var scopes: Set<Scope>
    /// For `audiences:read`: the only audiences this key may pull.
    public var audienceIDs: [UUID]

    public init(tenantID: UUID, keyID: UUID, scopes: Set<Scope>, audienceIDs: [UUID] = []) {
        self.tenantID = tenantID
        self.keyID = keyID
        self.scopes = scopes
        self.audienceIDs = audienceIDs
    }

    /// `admin` implies every scope of the tenant.
    public func has(_ scope: Scope) -> Bool {
        scopes.contains(scope) || scopes.contains(.admin)
    }

    public func require(_ scope: Scope) throws(DomainError) {
        guard has(scope) else { throw .forbidden(missingScope: scope) }
    }
}
