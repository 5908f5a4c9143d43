import Foundation

/// Where one migration stands, comparing the files on disk with `schema_migrations`; what
/// `atelier migrate --status` prints and what readiness checks.
public struct MigrationStatus: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        /// Recorded with the same checksum as the file.
        case applied
        /// On disk, not yet recorded.
        case pending
        /// Recorded, but the file changed since: applied migrations must not be edited.
        case checksumMismatch
        /// Recorded, but the file is gone.
        case missingFile
    }

    public var version: Int
    public var name: String
    /// The file's checksum, or the recorded one when the file is missing.
    public var checksum: String
    public var appliedAt: Date?
    public var state: State
}
