/// A page of the ledger, newest first.
public struct ConsentHistoryPage: Sendable {
    public var entries: [ConsentHistoryEntry]
    public var nextCursor: TimeOrderedCursor?
}
