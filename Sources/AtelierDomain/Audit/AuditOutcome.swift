/// How an audited action ended. A refusal is the caller's (no scope, unknown id, a
/// conflict); a failure is the system's (a retention run that broke off midway).
public enum AuditOutcome: Sendable, Hashable {
    case success
    case refused(AuditReason)
    case failed(AuditReason)

    /// The stored `outcome`.
    public var name: String {
        switch self {
        case .success: "success"
        case .refused: "refused"
        case .failed: "failed"
        }
    }

    public var reason: AuditReason? {
        switch self {
        case .success: nil
        case .refused(let reason), .failed(let reason): reason
        }
    }

    /// Rebuilds an outcome from its stored columns; nil for a combination the schema forbids.
    public init?(name: String, reason: String?) {
        switch (name, reason) {
        case ("success", nil): self = .success
        case ("refused", .some(let code)): self = .refused(AuditReason(rawValue: code))
        case ("failed", .some(let code)): self = .failed(AuditReason(rawValue: code))
        default: return nil
        }
    }
}

/// Why an action did not succeed, as a stable code (`^[a-z][a-z0-9_]*$`).
public struct AuditReason: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key lacks the scope the action needs.
    public static let forbidden = AuditReason(rawValue: "forbidden")
    /// The target does not exist in the tenant (or belongs to another one).
    public static let notFound = AuditReason(rawValue: "not_found")
    /// The action conflicts with the current state (already undone, already exists).
    public static let conflict = AuditReason(rawValue: "conflict")
    /// The system broke off (database error); the job retries.
    public static let error = AuditReason(rawValue: "error")

    /// The refusals worth recording: an attempt on state that was turned away. Invalid input
    /// is not recorded (nothing was attempted on anything), nor are unavailable dependencies.
    public init?(refusal error: any Error) {
        switch error as? DomainError {
        case .forbidden: self = .forbidden
        case .notFound: self = .notFound
        case .conflict: self = .conflict
        default: return nil
        }
    }
}
