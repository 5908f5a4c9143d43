import AtelierPostgres
import Foundation

/// Stores a large chunk of tracking calls (an import's thousands of lines) with the same
/// outcome as `IngestionService.ingest`, at bulk speed: the chunk's identifiers are copied
/// into a staging table and looked up in one join, calls whose identity is already settled
/// (every identifier known, all of one live profile) or entirely new (see
/// `NewIdentityClusters`) are attached set-based and written by the same `EventWriter`, and
/// only the calls that can change the identity graph in other ways (a merge, a limit, a
/// blocked or erased identifier, an identifier added to a known profile) or that carry
/// consent go through `IngestionService.ingest`, so merge rules, suppression and consent
/// have one implementation.
struct BulkEventLoader {
    let pool: PostgresPool
    let ingestion: IngestionService

    /// Calls resolved one by one go through ingestion in batches of this size.
    static let divertedBatchSize = 500

    func load(tenantID: UUID, calls: [TrackingCall], receivedAt: Date) async throws -> IngestionResult {
        let screened = IngestionService.screen(calls)
        let fast = try await IdentityTransaction.run(pool: pool) { connection in
            try await loadSettled(tenantID: tenantID, candidates: screened.candidates, receivedAt: receivedAt, on: connection)
        }
        var result = IngestionResult(
            accepted: fast.stored, duplicates: screened.duplicates.count + fast.duplicates.count,
            rejections: screened.rejections + fast.rejections,
            duplicateIndices: screened.duplicates.union(fast.duplicates))
        let oneByOne = fast.diverted.sorted()
        for start in stride(from: 0, to: oneByOne.count, by: Self.divertedBatchSize) {
            let positions = Array(oneByOne[start..<min(start + Self.divertedBatchSize, oneByOne.count)])
            let part = try await ingestion.ingest(tenantID: tenantID, calls: positions.map { calls[$0] }, receivedAt: receivedAt)
            result.accepted += part.accepted
            result.duplicates += part.duplicates
            result.duplicateIndices.formUnion(part.duplicateIndices.map { positions[$0] })
            result.rejections += part.rejections.map { rejection in
                var moved = rejection
                moved.index = positions[rejection.index]
                return moved
            }
        }
        result.rejections.sort { $0.index < $1.index }
        return result
    }

    private struct SettledLoad {
        var stored = 0
        var duplicates: Set<Int> = []
        var rejections: [IngestionResult.Rejection] = []
        /// Positions left to `IngestionService.ingest`; their message ids were released.
        var diverted: [Int] = []
    }

    /// One transaction: claims the message ids, normalises, looks the identifiers up through
    /// the staging table, creates the new profiles and writes the events.
    private func loadSettled(
        tenantID: UUID, candidates: [(index: Int, call: TrackingCall)], receivedAt: Date, on connection: PostgresConnection
    ) async throws -> SettledLoad {
        var load = SettledLoad()
        guard !candidates.isEmpty else { return load }
        let claimed = try await ClaimedCalls.claim(
            candidates, tenantID: tenantID, receivedAt: { _ in receivedAt }, on: connection)
        let rules = claimed.preamble.rules
        load.duplicates = claimed.duplicates
        load.rejections = claimed.rejections
        var released = claimed.released
        let events = claimed.events.map { event in
            var ordered = event
            ordered.identifiers = rules.prioritised(Array(Set(event.identifiers)))
            return ordered
        }
        let lookup = try await IdentifierStaging.lookup(tenantID: tenantID, events: events, on: connection)
        var settled: [PreparedEvent] = []
        var unknown: [(position: Int, identifiers: [Identifier])] = []
        /// Identifiers of the calls resolved one by one: a new customer sharing one waits for them.
        var reserved: Set<Identifier> = []
        for (position, event) in events.enumerated() {
            switch event.call.categoryPreferences == nil ? lookup[position] : .divert {
            case .known(let profile):
                var attached = event
                attached.profileID = profile
                settled.append(attached)
            case .unknown:
                unknown.append((position, event.identifiers))
            case .divert:
                load.diverted.append(event.index)
                released.append(event.call.messageID)
                reserved.formUnion(event.identifiers)
            }
        }
        let clusters = NewIdentityClusters(events: unknown, reserved: reserved, rules: rules)
        for position in clusters.diverted {
            load.diverted.append(events[position].index)
            released.append(events[position].call.messageID)
        }
        for (position, profile) in clusters.profileOf {
            var attached = events[position]
            attached.profileID = profile
            settled.append(attached)
        }
        try await BatchPreamble.release(released, tenantID: tenantID, on: connection)
        try await IdentityPlanWriter(tenantID: tenantID, connection: connection).write(clusters.plan) { $0 }
        settled.sort { $0.index < $1.index }
        try await EventWriter(tenantID: tenantID, connection: connection).write(settled)
        load.stored = settled.count
        return load
    }
}
