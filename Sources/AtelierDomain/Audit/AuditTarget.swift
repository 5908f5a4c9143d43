import Foundation

/// What an action was done to: a kind and an id. Only ids: a profile id is a pseudonymous
/// UUID and fine, an email or a phone number never is, which is why `id` is a UUID.
public struct AuditTarget: Sendable, Hashable {
    /// `^[a-z][a-z0-9_]*$`, e.g. `api_key`.
    public var type: String
    public var id: UUID

    public init(type: String, id: UUID) {
        self.type = type
        self.id = id
    }

    public static func tenant(_ id: UUID) -> AuditTarget { AuditTarget(type: "tenant", id: id) }
    public static func apiKey(_ id: UUID) -> AuditTarget { AuditTarget(type: "api_key", id: id) }
    /// A profile; stored as its keyed pseudonym, never its id (see `AuditLog.append`).
    public static func profile(_ id: UUID) -> AuditTarget { AuditTarget(type: profileType, id: id) }
    public static let profileType = "profile"
    public static func job(_ id: UUID) -> AuditTarget { AuditTarget(type: "job", id: id) }
    public static func privacyRequest(_ id: UUID) -> AuditTarget { AuditTarget(type: "privacy_request", id: id) }
}
