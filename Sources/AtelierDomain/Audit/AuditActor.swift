import Foundation

/// Who did an audited action: an API key (by id, never its secret), the system itself (the
/// worker, schedules), or an operator at the command line.
public enum AuditActor: Sendable, Hashable {
    case apiKey(UUID)
    case system
    case cli

    /// The stored `actor_type`.
    public var type: String {
        switch self {
        case .apiKey: "api_key"
        case .system: "system"
        case .cli: "cli"
        }
    }

    /// The stored `actor_id`: the key id, nil for the system and the CLI.
    public var id: UUID? {
        if case .apiKey(let keyID) = self { return keyID }
        return nil
    }

    /// Rebuilds an actor from its stored columns; nil for a combination the schema forbids.
    public init?(type: String, id: UUID?) {
        switch (type, id) {
        case ("api_key", .some(let keyID)): self = .apiKey(keyID)
        case ("system", nil): self = .system
        case ("cli", nil): self = .cli
        default: return nil
        }
    }

    /// Parses the `actor` filter of `GET /v1/audit`: `system`, `cli`, or an API key id.
    public init?(filter: String) {
        switch filter {
        case "system": self = .system
        case "cli": self = .cli
        default:
            guard let keyID = UUID(uuidString: filter) else { return nil }
            self = .apiKey(keyID)
        }
    }
}

extension Principal {
    /// The caller as an audit actor: its key.
    public var auditActor: AuditActor { .apiKey(keyID) }
}
