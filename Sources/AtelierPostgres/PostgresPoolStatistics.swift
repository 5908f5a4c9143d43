/// A snapshot of the pool's books, for `/metrics` and for spotting exhaustion: a steady
/// `waiting` > 0 means the pool is too small or queries are too slow.
public struct PostgresPoolStatistics: Sendable, Hashable {
    /// The configured maximum number of connections.
    public var capacity: Int
    /// Connections currently open or being opened.
    public var size: Int
    /// Connections leased to callers.
    public var inUse: Int
    /// Connections open and free.
    public var idle: Int
    /// Callers queued for a connection.
    public var waiting: Int
}
