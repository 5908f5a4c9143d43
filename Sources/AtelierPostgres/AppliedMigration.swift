/// A migration this run applied, for the log and the `migrate` command's output.
public struct AppliedMigration: Sendable, Hashable {
    public var version: Int
    public var name: String
    public var checksum: String
    public var executionTime: Duration
}
