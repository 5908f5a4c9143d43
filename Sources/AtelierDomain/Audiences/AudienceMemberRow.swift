/// One member as a partner receives it: whether to add or remove them, and the identifiers the
/// audience shares, already normalised and hashed for its destination.
public struct AudienceMemberRow: Sendable, Equatable {
    public enum Action: String, Sendable {
        case add, remove
    }

    public var action: Action
    public var pseudonymousID: String?
    public var email: String?
    public var phone: String?

    public init(action: Action, pseudonymousID: String? = nil, email: String? = nil, phone: String? = nil) {
        self.action = action
        self.pseudonymousID = pseudonymousID
        self.email = email
        self.phone = phone
    }
}

/// One page of a pull.
public struct AudiencePage: Sendable {
    public var audience: Audience
    public var kind: AudienceDeliveryRecord.Kind
    public var rows: [AudienceMemberRow]
    /// Nil on the last page.
    public var next: AudienceCursor?
}
