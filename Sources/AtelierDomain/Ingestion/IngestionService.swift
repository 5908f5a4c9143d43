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
            var rejections: [IngestionResult.Rejection] = []
            var candidates: [(index: Int, call: TrackingCall)] = []
            var seenInBatch: Set<String> = []
            var duplicates: Set<Int> = []
            for (index, call) in calls.enumerated() {
                if let rejection = Self.missingIdentity(call, index: index) {
                    rejections.append(rejection)
                } else if seenInBatch.insert(call.messageID).inserted {
                    candidates.append((index, call))
                } else {
                    duplicates.insert(index)
                }
            }
            let preamble = try await BatchPreamble.load(
                tenantID: tenantID, messageIDs: candidates.map(\.call.messageID), on: connection)
            var events: [PreparedEvent] = []
            var released: [String] = []
            for (index, call) in candidates {
                guard preamble.claimed.contains(call.messageID) else {
                    duplicates.insert(index)
                    continue
                }
                switch Self.prepare(call, index: index, normaliser: preamble.normaliser, receivedAt: receivedAt[index]) {
                case .rejected(let rejection):
                    rejections.append(rejection)
                    released.append(call.messageID)
                case .ready(let event):
                    events.append(event)
                }
            }
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

    /// Segment requires a `userId` or an `anonymousId` on every call; checked before any
    /// message id is claimed.
    private static func missingIdentity(_ call: TrackingCall, index: Int) -> IngestionResult.Rejection? {
        guard call.userID == nil && call.anonymousID == nil else { return nil }
        return IngestionResult.Rejection(index: index, field: "/userId", detail: "Every call needs a userId or an anonymousId.")
    }

    private enum Preparation {
        case ready(PreparedEvent)
        case rejected(IngestionResult.Rejection)
    }

    private static func prepare(
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
