/// One fact to attach to a profile: the identifiers it carries and why, so a merge it
/// causes can be explained later.
public struct ResolutionRequest: Sendable, Equatable {
    public var identifiers: [Identifier]
    /// Human-readable cause recorded on merges and refusals, e.g. `track messageId=abc`.
    public var reason: String
    public var messageID: String?

    public init(identifiers: [Identifier], reason: String, messageID: String? = nil) {
        self.identifiers = identifiers
        self.reason = reason
        self.messageID = messageID
    }
}
