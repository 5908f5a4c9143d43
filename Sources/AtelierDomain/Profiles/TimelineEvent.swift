import Foundation

/// One stored event as the timeline shows it.
public struct TimelineEvent: Sendable {
    public var id: UUID
    /// The original profile it attached to.
    public var profileID: UUID
    public var messageID: String
    public var type: TrackingCallType
    public var event: String?
    public var occurredAt: Date
    public var receivedAt: Date
    public var channel: String
    /// JSON texts, as sent.
    public var properties: String
    public var traits: String
    public var context: String
}
