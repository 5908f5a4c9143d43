import AtelierPostgres
import Foundation

/// The calls of one transaction after their message ids were claimed and their identifiers
/// normalised: the ones to store, the repeats of stored messages, and the refused ones whose
/// ids are to be given back. Shared by `IngestionService.ingest` and `BulkEventLoader`.
struct ClaimedCalls {
    var preamble: BatchPreamble
    var events: [PreparedEvent] = []
    var duplicates: Set<Int> = []
    var rejections: [IngestionResult.Rejection] = []
    /// Message ids claimed by calls then refused.
    var released: [String] = []

    /// Claims the candidates' message ids (see `BatchPreamble`) and prepares the claimed
    /// calls; `receivedAt` gives the arrival time of the call at a position.
    static func claim(
        _ candidates: [(index: Int, call: TrackingCall)], tenantID: UUID, receivedAt: (Int) -> Date,
        on connection: PostgresConnection
    ) async throws -> ClaimedCalls {
        var claimed = ClaimedCalls(
            preamble: try await BatchPreamble.load(
                tenantID: tenantID, messageIDs: candidates.map(\.call.messageID), on: connection))
        for (index, call) in candidates {
            guard claimed.preamble.claimed.contains(call.messageID) else {
                claimed.duplicates.insert(index)
                continue
            }
            switch IngestionService.prepare(
                call, index: index, normaliser: claimed.preamble.normaliser, receivedAt: receivedAt(index))
            {
            case .rejected(let rejection):
                claimed.rejections.append(rejection)
                claimed.released.append(call.messageID)
            case .ready(let event):
                claimed.events.append(event)
            }
        }
        return claimed
    }
}
