import AtelierDomain

/// Retention for ingestion's message ids: deletes those past the deduplication window
/// (system-wide, hourly).
public struct PurgeEventMessageIDsJob: JobHandler {
    public static let kindName = "maintenance:purge_event_message_ids"
    public var kind: String { Self.kindName }

    private let retention: MessageIDRetention

    public init(retention: MessageIDRetention) {
        self.retention = retention
    }

    public func run(_ job: Job) async throws -> String? {
        let purged = try await retention.purgeExpired()
        return #"{"purged":\#(purged)}"#
    }
}
