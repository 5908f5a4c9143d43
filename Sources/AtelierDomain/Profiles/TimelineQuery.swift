import Foundation

/// Filters and page size of a timeline read.
public struct TimelineQuery: Sendable {
    public var type: TrackingCallType?
    public var event: String?
    public var since: Date?
    public var until: Date?
    public var cursor: TimeOrderedCursor?
    public var limit: Int

    public init(
        type: TrackingCallType? = nil, event: String? = nil, since: Date? = nil, until: Date? = nil,
        cursor: TimeOrderedCursor? = nil, limit: Int = 50
    ) {
        self.type = type
        self.event = event
        self.since = since
        self.until = until
        self.cursor = cursor
        self.limit = limit
    }

    public static let maximumLimit = 500
}
