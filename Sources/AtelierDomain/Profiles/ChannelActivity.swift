import Foundation

/// Where a customer was seen (web, app, store, phone…), since when and how often.
public struct ChannelActivity: Sendable, Equatable {
    public var channel: String
    public var firstSeenAt: Date
    public var lastSeenAt: Date
    public var events: Int
}
