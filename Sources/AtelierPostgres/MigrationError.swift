/// Why migrations were refused or failed, each with the file at fault and what to do,
/// because whoever reads it is usually an operator mid-deploy.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// The directory could not be listed.
    case directoryUnreadable(path: String, reason: String)
    /// A `.sql` file whose name is not `NNNN_name.sql` (at least four digits).
    case invalidFileName(fileName: String)
    /// A file that is not UTF-8 text.
    case unreadableFile(fileName: String, reason: String)
    /// Two files share a version.
    case duplicateVersion(version: Int, fileNames: [String])
    /// An applied migration's file was edited after it was applied.
    case checksumMismatch(version: Int, fileName: String, recorded: String, actual: String)
    /// An applied migration's file is gone.
    case missingFile(version: Int, name: String)
    /// A pending file numbered below the newest applied one, e.g. from a branch merged late.
    case outOfOrder(version: Int, fileName: String, latestApplied: Int)
    /// The migration's SQL failed; its transaction was rolled back, earlier ones stay applied.
    case failed(version: Int, fileName: String, line: Int?, underlying: PostgresError)

    public var description: String {
        switch self {
        case .directoryUnreadable(let path, let reason):
            "cannot read the migrations directory \(path): \(reason). Set ATELIER_MIGRATIONS_DIR to the folder of NNNN_name.sql files."
        case .invalidFileName(let fileName):
            "migration file \(fileName) is not named NNNN_name.sql (at least four digits, an underscore, a name); rename it."
        case .unreadableFile(let fileName, let reason):
            "migration file \(fileName) cannot be read as UTF-8 text: \(reason)."
        case .duplicateVersion(let version, let fileNames):
            "migration version \(version) is used by \(fileNames.joined(separator: " and ")); give one of them the next free number."
        case .checksumMismatch(let version, let fileName, let recorded, let actual):
            "migration \(version) (\(fileName)) was edited after it was applied (recorded checksum \(recorded.prefix(12))…, file now \(actual.prefix(12))…). "
                + "Restore the applied version of the file and put the change in a new migration."
        case .missingFile(let version, let name):
            "migration \(version) (\(name)) is recorded as applied but its file is missing; restore the file from version control."
        case .outOfOrder(let version, let fileName, let latestApplied):
            "migration \(fileName) (version \(version)) is pending but migration \(latestApplied) is already applied; "
                + "renumber it above \(latestApplied)."
        case .failed(let version, let fileName, let line, let underlying):
            "migration \(version) (\(fileName)) failed\(line.map { " at line \($0)" } ?? ""): \(underlying.message). "
                + "It was rolled back; earlier migrations remain applied. Fix the file and run migrate again."
        }
    }
}
