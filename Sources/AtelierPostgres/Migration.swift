/// One schema change: a `NNNN_name.sql` file, its version, and the SHA-256 of its bytes,
/// which is recorded when applied so a later edit of an applied file is detected.
public struct Migration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var fileName: String
    public var sql: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var checksum: String
}
