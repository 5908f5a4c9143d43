import AtelierPostgres
import Foundation

/// Stores Segment-style calls: validates and normalises each, drops repeats of a message
/// already stored, attaches each to its profile and writes them, all in one transaction
/// per batch with a fixed number of statements, so a batch of 100 costs about as much
/// as a single call.
public struct IngestionService: Sendable {
    private let pool: PostgresPool
    private let resolver: IdentityResolver

    public init(pool: PostgresPool) {
        self.pool = pool
        resolver = IdentityResolver(pool: pool)
    }

    /// Stores the valid calls and reports the others by position; never stores a
    /// `messageId` twice for a tenant, even when two requests carry it at once (the second
    /// waits on the first's key and then counts as a duplicate).
    public func ingest(tenantID: UUID, calls: [TrackingCall], receivedAt: Date = Date()) async throws -> IngestionResult {
        try await ingest(tenantID: tenantID, calls: calls, receivedAt: Array(repeating: receivedAt, count: calls.count))
    }

    /// As above, each call with the time its own request arrived (`receivedAt[i]` for
    /// `calls[i]`), for calls gathered from several requests (`IngestionBatcher`): clock skew is
    /// corrected against the arrival of the request that carried the call.
    public func ingest(tenantID: UUID, calls: [TrackingCall], receivedAt: [Date]) async throws -> IngestionResult {
        precondition(receivedAt.count == calls.count, "one arrival time per call")
        return try await IdentityTransaction.run(pool: pool) { connection in
            let screened = Self.screen(calls)
            let claimed = try await ClaimedCalls.claim(
                screened.candidates, tenantID: tenantID, receivedAt: { receivedAt[$0] }, on: connection)
            let preamble = claimed.preamble
            var rejections = screened.rejections + claimed.rejections
            let duplicates = screened.duplicates.union(claimed.duplicates)
            var events = claimed.events
            var released = claimed.released
            // Privacy (issue 4): calls naming an identifier erased on request are refused or dropped.
            let suppression = try await SuppressionList.screen(
                tenantID: tenantID, items: events.map(\.identifiers), on: connection
            ).partition(events)
            events = suppression.kept
            rejections += suppression.rejections
            released += suppression.released
            try await BatchPreamble.release(released, tenantID: tenantID, on: connection)
            let profiles = try await resolver.resolve(
                tenantID: tenantID,
                requests: events.map {
                    ResolutionRequest(
                        identifiers: $0.identifiers, reason: "\($0.call.type.rawValue) messageId=\($0.call.messageID)",
                        messageID: $0.call.messageID)
                },
                rules: preamble.rules, on: connection)
            for position in events.indices { events[position].profileID = profiles[position] }
            try await EventWriter(tenantID: tenantID, connection: connection).write(events)
            try await ConsentLedger.recordTrackingSignals(
                tenantID: tenantID,
                signals: events.compactMap { event in
                    event.call.categoryPreferences.map {
                        TrackingConsentSignal(
                            profileID: event.profileID, occurredAt: event.occurredAt, categoryPreferences: $0.granted,
                            proof: $0.raw)
                    }
                }, on: connection)
            rejections.sort { $0.index < $1.index }
            return IngestionResult(
                accepted: events.count + suppression.dropped, duplicates: duplicates.count, rejections: rejections,
                duplicateIndices: duplicates)
        }
    }

    /// Sorts calls before any message id is claimed: refused for lacking an identity, repeats
    /// of a message earlier in the same list, and the candidates to claim and store.
    static func screen(_ calls: [TrackingCall]) -> (
        rejections: [IngestionResult.Rejection], candidates: [(index: Int, call: TrackingCall)], duplicates: Set<Int>
    ) {
        var rejections: [IngestionResult.Rejection] = []
        var candidates: [(index: Int, call: TrackingCall)] = []
        var seenInBatch: Set<String> = []
        var duplicates: Set<Int> = []
        for (index, call) in calls.enumerated() {
            if let rejection = missingIdentity(call, index: index) {
                rejections.append(rejection)
            } else if seenInBatch.insert(call.messageID).inserted {
                candidates.append((index, call))
            } else {
                duplicates.insert(index)
            }
        }
        return (rejections, candidates, duplicates)
    }

    /// Stores a large chunk of an import with the outcome `ingest` would give it, set-based
    /// wherever the calls cannot merge profiles (see `BulkEventLoader`); results by position
    /// in `calls`, as `ingest` reports them.
    public func importChunk(tenantID: UUID, calls: [TrackingCall], receivedAt: Date = Date()) async throws
        -> IngestionResult
    {
        try await BulkEventLoader(pool: pool, ingestion: self).load(tenantID: tenantID, calls: calls, receivedAt: receivedAt)
    }

    /// Segment requires a `userId` or an `anonymousId` on every call; checked before any
    /// message id is claimed.
    private static func missingIdentity(_ call: TrackingCall, index: Int) -> IngestionResult.Rejection? {
        guard call.userID == nil && call.anonymousID == nil else { return nil }
        return IngestionResult.Rejection(index: index, field: "/userId", detail: "Every call needs a userId or an anonymousId.")
    }

    enum Preparation {
        case ready(PreparedEvent)
        case rejected(IngestionResult.Rejection)
    }

    /// Normalises a call's identifiers and corrects its time; a required identifier that
    /// cannot be normalised refuses the call.
    static func prepare(
        _ call: TrackingCall, index: Int, normaliser: IdentifierNormaliser, receivedAt: Date
    ) -> Preparation {
        var identifiers: [Identifier] = []
        for raw in call.identifiers {
            do {
                identifiers.append(try normaliser.normalise(type: raw.type, rawValue: raw.value, field: raw.field))
            } catch {
                guard raw.isRequired else { continue }
                if case .invalid(let field, let reason, _) = error {
                    return .rejected(IngestionResult.Rejection(index: index, field: field, detail: "The field '\(field)' \(reason)."))
                }
                return .rejected(IngestionResult.Rejection(index: index, field: raw.field, detail: error.description))
            }
        }
        return .ready(
            PreparedEvent(
                index: index, call: call, identifiers: identifiers, occurredAt: call.occurredAt(receivedAt: receivedAt),
                receivedAt: receivedAt))
    }
}
