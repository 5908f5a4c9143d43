import Foundation

/// One Segment call (track, identify, page, screen, group or alias) as the domain stores it:
/// the fields identity and timelines need, plus the client's JSON members kept as text so
/// they are stored exactly as sent.
public struct TrackingCall: Sendable {
    public var type: TrackingCallType
    /// The client's id for the call; a retry with the same id is stored once.
    public var messageID: String
    /// `event` of a track, `name` of a page or screen.
    public var event: String?
    public var userID: String?
    public var anonymousID: String?
    public var previousID: String?
    public var groupID: String?
    /// When it happened by the client's clock (`timestamp`), and when the client sent it.
    public var timestamp: Date?
    public var sentAt: Date?
    /// Where the customer was: web, app, store, phone, server…
    public var channel: String
    public var identifiers: [RawIdentifier]
    /// Traits to keep on the profile (identify calls), by key, as JSON text.
    public var profileTraits: [String: String]
    public var properties: String
    public var traits: String
    public var context: String
    public var integrations: String
    /// The consent the call carried, recorded in the consent ledger when it changes anything.
    public var categoryPreferences: CategoryPreferences?

    public init(
        type: TrackingCallType, messageID: String, event: String?, userID: String?, anonymousID: String?,
        previousID: String?, groupID: String?, timestamp: Date?, sentAt: Date?, channel: String,
        identifiers: [RawIdentifier], profileTraits: [String: String], properties: String, traits: String,
        context: String, integrations: String, categoryPreferences: CategoryPreferences? = nil
    ) {
        self.type = type
        self.messageID = messageID
        self.event = event
        self.userID = userID
        self.anonymousID = anonymousID
        self.previousID = previousID
        self.groupID = groupID
        self.timestamp = timestamp
        self.sentAt = sentAt
        self.channel = channel
        self.identifiers = identifiers
        self.profileTraits = profileTraits
        self.properties = properties
        self.traits = traits
        self.context = context
        self.integrations = integrations
        self.categoryPreferences = categoryPreferences
    }

    /// When the event happened, corrected for the client's clock skew as Segment does:
    /// the client's `sentAt - timestamp` gap is trusted, its absolute clock is not, so
    /// `receivedAt - (sentAt - timestamp)`. Without `sentAt` the timestamp is taken as is;
    /// without either, the arrival time.
    public func occurredAt(receivedAt: Date) -> Date {
        switch (timestamp, sentAt) {
        case (let timestamp?, let sentAt?): receivedAt.addingTimeInterval(-sentAt.timeIntervalSince(timestamp))
        case (let timestamp?, nil): timestamp
        case (nil, _): receivedAt
        }
    }
}
