/// One page of a timeline, newest first; `nextCursor` is nil on the last page.
public struct TimelinePage: Sendable {
    public var events: [TimelineEvent]
    public var nextCursor: TimeOrderedCursor?
}
