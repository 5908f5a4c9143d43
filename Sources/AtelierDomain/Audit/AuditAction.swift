/// What happened, as a stable dotted name (`key.created`). Names are part of the API:
/// privacy officers filter on them, so one is never renamed, only added. The schema checks
/// the shape (`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`).
public struct AuditAction: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    /// Whether `name` has the shape of an action name, e.g. to validate a query filter.
    public static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, name.utf8.count <= 100 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
            return part.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_")
            }
        }
    }

    public static let tenantCreated = AuditAction(rawValue: "tenant.created")
    public static let keyCreated = AuditAction(rawValue: "key.created")
    public static let keyRevoked = AuditAction(rawValue: "key.revoked")
    public static let identityRulesChanged = AuditAction(rawValue: "identity.rules.changed")
    public static let identifierBlocked = AuditAction(rawValue: "identifier.blocked")
    public static let identifierUnblocked = AuditAction(rawValue: "identifier.unblocked")
    public static let profileUnmerged = AuditAction(rawValue: "profile.unmerged")
    public static let retentionPolicyChanged = AuditAction(rawValue: "retention.policy.changed")
    /// One entry per run of the `retention:events` job, with its counts.
    public static let retentionEventsApplied = AuditAction(rawValue: "retention.events.applied")
    /// Reserved for the consent ledger and privacy requests (issue 4, items 1–5).
    public static let consentChanged = AuditAction(rawValue: "consent.changed")
    public static let privacyRequestCreated = AuditAction(rawValue: "privacy.request.created")
    public static let privacyRequestCancelled = AuditAction(rawValue: "privacy.request.cancelled")
    public static let privacyRequestCompleted = AuditAction(rawValue: "privacy.request.completed")
}
