import Foundation

/// Gathers single tracking calls that arrive together into one ingestion batch (group
/// commit), because a batch of a hundred calls costs about as much database work as one call.
///
/// No call waits for a timer: when a tenant has fewer than `maximumFlushes` batches being
/// stored, a call is stored at once, alone; only calls that arrive while those are running
/// queue, and the next flush takes them all (up to `maximumBatch`). A quiet server therefore
/// answers as fast as before, and a busy one stores many calls per transaction.
///
/// Each caller gets its own call's outcome. If a whole batch fails (a database error), its
/// calls are stored again one by one, so one call the database refuses fails only its own
/// request, never its neighbours'.
public actor IngestionBatcher {
    private struct Waiting {
        var call: TrackingCall
        var receivedAt: Date
        var continuation: CheckedContinuation<IngestionResult, any Error>
    }

    private let ingestion: IngestionService
    private let maximumBatch: Int
    private let maximumFlushes: Int
    private var queues: [UUID: [Waiting]] = [:]
    private var flushing: [UUID: Int] = [:]

    /// - Parameters:
    ///   - maximumBatch: calls stored in one transaction at most.
    ///   - maximumFlushes: batches of one tenant stored at the same time at most (each holds a
    ///     database connection, so this bounds one tenant's share of the pool).
    public init(ingestion: IngestionService, maximumBatch: Int = 200, maximumFlushes: Int = 2) {
        self.ingestion = ingestion
        self.maximumBatch = max(1, maximumBatch)
        self.maximumFlushes = max(1, maximumFlushes)
    }

    /// Stores `call` with the others of its moment; answers the outcome of this call alone
    /// (`accepted`, `duplicates` and `rejections` as if it had been ingested by itself).
    public func ingest(tenantID: UUID, call: TrackingCall, receivedAt: Date = Date()) async throws -> IngestionResult {
        try await withCheckedThrowingContinuation { continuation in
            queues[tenantID, default: []].append(Waiting(call: call, receivedAt: receivedAt, continuation: continuation))
            startFlushes(of: tenantID)
        }
    }

    private func startFlushes(of tenantID: UUID) {
        while flushing[tenantID, default: 0] < maximumFlushes, let queue = queues[tenantID], !queue.isEmpty {
            let batch = Array(queue.prefix(maximumBatch))
            queues[tenantID] = queue.count > batch.count ? Array(queue.dropFirst(batch.count)) : nil
            flushing[tenantID, default: 0] += 1
            Task { await flush(batch, of: tenantID) }
        }
    }

    private func flush(_ batch: [Waiting], of tenantID: UUID) async {
        do {
            let result = try await ingestion.ingest(
                tenantID: tenantID, calls: batch.map(\.call), receivedAt: batch.map(\.receivedAt))
            for (index, waiting) in batch.enumerated() {
                waiting.continuation.resume(returning: Self.outcome(of: index, in: result, batch: batch))
            }
        } catch {
            await storeOneByOne(batch, of: tenantID, batchError: error)
        }
        flushing[tenantID, default: 1] -= 1
        if flushing[tenantID] == 0 { flushing[tenantID] = nil }
        startFlushes(of: tenantID)
    }

    private func storeOneByOne(_ batch: [Waiting], of tenantID: UUID, batchError: any Error) async {
        guard batch.count > 1 else {
            batch.first?.continuation.resume(throwing: batchError)
            return
        }
        for waiting in batch {
            do {
                waiting.continuation.resume(
                    returning: try await ingestion.ingest(
                        tenantID: tenantID, calls: [waiting.call], receivedAt: [waiting.receivedAt]))
            } catch {
                waiting.continuation.resume(throwing: error)
            }
        }
    }

    /// The batch result seen from call `index`: its rejection, or accepted, or — when neither
    /// counts it — a duplicate (of a stored message or of an earlier call of the batch).
    private static func outcome(of index: Int, in result: IngestionResult, batch: [Waiting]) -> IngestionResult {
        if var rejection = result.rejections.first(where: { $0.index == index }) {
            rejection.index = 0
            return IngestionResult(accepted: 0, duplicates: 0, rejections: [rejection])
        }
        let duplicate = result.duplicateIndices.contains(index)
        return IngestionResult(accepted: duplicate ? 0 : 1, duplicates: duplicate ? 1 : 0, rejections: [])
    }
}
