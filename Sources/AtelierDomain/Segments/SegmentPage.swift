import Foundation

/// One page of a tenant's segments, by name then id.
public struct SegmentPage: Sendable {
    public var segments: [Segment]
    /// The last segment of the page when more may follow.
    public var next: SegmentCursor?
}

/// Position after a segment in name order (keyset pagination).
public struct SegmentCursor: Sendable, Equatable {
    public var name: String
    public var id: UUID

    public init(name: String, id: UUID) {
        self.name = name
        self.id = id
    }
}
