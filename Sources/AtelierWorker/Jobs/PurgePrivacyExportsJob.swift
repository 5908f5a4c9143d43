import AtelierDomain

/// Retention for privacy exports: deletes the content of expired ones, and of downloads a
/// crash left behind (system-wide, scheduled).
public struct PurgePrivacyExportsJob: JobHandler {
    public var kind: String { PrivacyJobs.purgeExportsKind }

    private let exports: PrivacyExports

    public init(exports: PrivacyExports) {
        self.exports = exports
    }

    public func run(_ job: Job) async throws -> String? {
        #"{"purged_chunks":\#(try await exports.purgeExpired())}"#
    }
}
