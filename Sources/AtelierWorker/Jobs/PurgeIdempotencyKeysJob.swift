import AtelierDomain

/// Retention for idempotency keys: deletes the expired ones (system-wide, hourly).
public struct PurgeIdempotencyKeysJob: JobHandler {
    public static let kindName = "maintenance:purge_idempotency_keys"
    public var kind: String { Self.kindName }

    private let store: IdempotencyStore

    public init(store: IdempotencyStore) {
        self.store = store
    }

    public func run(_ job: Job) async throws -> String? {
        let purged = try await store.purgeExpired()
        return #"{"purged":\#(purged)}"#
    }
}
