import Foundation

/// An API key as stored and listed: everything but the secret, which exists only in
/// the response that created it.
public struct APIKey: Sendable, Equatable, Codable {
    public var id: UUID
    public var tenantID: UUID
    public var name: String
    public var scopes: [Scope]
    public var audienceIDs: [UUID]
    /// The key's public lookup part, shown so a person can tell keys apart.
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(
        id: UUID, tenantID: UUID, name: String, scopes: [Scope], audienceIDs: [UUID], prefix: String,
        createdAt: Date, expiresAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.scopes = scopes
        self.audienceIDs = audienceIDs
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }
}

/// A newly created key together with its secret, which is never retrievable again.
public struct CreatedAPIKey: Sendable {
    public var key: APIKey
    public var secret: String
}
