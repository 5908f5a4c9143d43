import Foundation

/// Filters and page of `AuditTrail.page`: newest first, each filter optional.
public struct AuditQuery: Sendable, Equatable {
    public static let maximumLimit = 500

    public var action: AuditAction?
    public var actor: AuditActor?
    /// Inclusive lower bound of the entry time.
    public var since: Date?
    /// Exclusive upper bound of the entry time.
    public var until: Date?
    /// Continue below this sequence (the previous page's `nextCursor`).
    public var beforeSequence: Int64?
    public var limit: Int

    public init(
        action: AuditAction? = nil, actor: AuditActor? = nil, since: Date? = nil, until: Date? = nil,
        beforeSequence: Int64? = nil, limit: Int = 100
    ) {
        self.action = action
        self.actor = actor
        self.since = since
        self.until = until
        self.beforeSequence = beforeSequence
        self.limit = min(max(limit, 1), Self.maximumLimit)
    }
}

/// One page of entries, newest first; `nextBeforeSequence` is nil on the last page.
public struct AuditPage: Sendable, Equatable {
    public var entries: [AuditEntry]
    public var nextBeforeSequence: Int64?
}
