import AtelierDomain
import Foundation

/// `APIKey` in the OpenAPI schema: never the secret or its hash.
struct APIKeyResponse: Encodable {
    var id: String
    var name: String
    var scopes: [String]
    var audienceIds: [String]
    var prefix: String
    var createdAt: Date
    var expiresAt: Date?
    var revokedAt: Date?

    init(_ key: APIKey) {
        id = key.id.uuidString.lowercased()
        name = key.name
        scopes = key.scopes.map(\.rawValue).sorted()
        audienceIds = key.audienceIDs.map { $0.uuidString.lowercased() }
        prefix = key.prefix
        createdAt = key.createdAt
        expiresAt = key.expiresAt
        revokedAt = key.revokedAt
    }

    /// Nullable members are written as `null` rather than omitted, as the schema declares them.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(audienceIds, forKey: .audienceIds)
        try container.encode(prefix, forKey: .prefix)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(revokedAt, forKey: .revokedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, scopes, audienceIds, prefix, createdAt, expiresAt, revokedAt
    }
}

/// `CreatedKey`: the key plus its secret, in the creating response only.
struct CreatedKeyResponse: Encodable {
    var key: APIKeyResponse
    var secret: String

    func encode(to encoder: any Encoder) throws {
        try key.encode(to: encoder)
        var container = encoder.container(keyedBy: SecretKey.self)
        try container.encode(secret, forKey: .secret)
    }

    private enum SecretKey: String, CodingKey {
        case secret
    }
}
