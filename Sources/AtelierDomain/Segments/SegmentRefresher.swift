import AtelierPostgres
import Foundation

/// Recomputes a segment's memberships: the members are read under the segment's purpose
/// (`SegmentEvaluator`, through the purpose pool), streamed into a temporary table on the
/// owner's connection, and the difference written as spells: persons no longer selected get
/// `exited_at`, new ones a spell entered now. Persons kept keep their spell untouched.
///
/// The owner writes but never reads personal data for a use: what it compares against is the
/// membership table itself, to close and open spells.
public struct SegmentRefresher: Sendable {
    /// The job kind the worker runs for one segment (payload `{"segmentId": "…"}`).
    public static let jobKind = "segments:refresh"
    /// The system job that enqueues a refresh for every segment due.
    public static let scheduleJobKind = "segments:schedule"

    private let pool: PostgresPool
    private let evaluator: SegmentEvaluator
    private let now: @Sendable () -> Date

    public init(pool: PostgresPool, pools: PersonalDataPools, now: @escaping @Sendable () -> Date = { Date() }) {
        self.pool = pool
        self.evaluator = SegmentEvaluator(pools: pools, now: now)
        self.now = now
    }

    /// What a refresh changed.
    public struct Outcome: Sendable, Equatable {
        public var segmentID: UUID
        public var version: Int
        public var members: Int
        public var entered: Int
        public var exited: Int
        /// False when a newer refresh had already written (this one's result was older).
        public var written: Bool
        public var evaluatedAt: Date
    }

    public func refresh(tenantID: UUID, segmentID: UUID) async throws -> Outcome {
        let segment = try await SegmentStore(pool: pool).find(tenantID: tenantID, segmentID: segmentID)
        let evaluatedAt = now()
        return try await pool.transaction { connection in
            try await connection.executeScript(
                "CREATE TEMPORARY TABLE refreshed_members (profile_id uuid PRIMARY KEY) ON COMMIT DROP")
            let members = try await evaluator.withMembers(
                tenantID: tenantID, rule: segment.definition.rule, purpose: segment.definition.purpose, at: evaluatedAt
            ) { cursor in
                try await connection.copyFrom("COPY refreshed_members (profile_id) FROM STDIN", batches: cursor.rows)
            }
            try await connection.executeScript("ANALYZE refreshed_members")
            let locked = try await connection.query(
                """
                SELECT refreshed_at, version FROM segments WHERE tenant_id = $1 AND segment_id = $2 FOR UPDATE
                """, [tenantID, segmentID])
            guard let row = locked.first else { throw DomainError.notFound(resource: "segment", id: segmentID.uuidString) }
            let lastRefresh = try row.decode(Date?.self, column: "refreshed_at")
            guard try row.decode(Int.self, column: "version") == segment.version, lastRefresh.map({ $0 < evaluatedAt }) ?? true
            else {
                return Outcome(
                    segmentID: segmentID, version: segment.version, members: members, entered: 0, exited: 0, written: false,
                    evaluatedAt: evaluatedAt)
            }
            let exited = try await connection.execute(
                """
                UPDATE segment_memberships s SET exited_at = $3
                WHERE s.tenant_id = $1 AND s.segment_id = $2 AND s.exited_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM refreshed_members r WHERE r.profile_id = s.profile_id)
                """, [tenantID, segmentID, evaluatedAt])
            // The open spells' unique index decides who is already in, whatever the planner
            // believes: an anti-join planned on statistics taken while the table was nearly empty
            // (a new tenant's first refreshes, all at once) ran as a nested loop of sequential
            // scans over millions of rows being written, for over 17 minutes at 1 M persons.
            let entered = try await connection.execute(
                """
                INSERT INTO segment_memberships (tenant_id, profile_id, segment_id, entered_at)
                SELECT $1, r.profile_id, $2, $3 FROM refreshed_members r
                ON CONFLICT (tenant_id, segment_id, profile_id) WHERE exited_at IS NULL DO NOTHING
                """, [tenantID, segmentID, evaluatedAt])
            try await connection.execute(
                """
                UPDATE segments SET refreshed_at = $3, refreshed_version = $4, member_count = $5
                WHERE tenant_id = $1 AND segment_id = $2
                """, [tenantID, segmentID, evaluatedAt, segment.version, members])
            return Outcome(
                segmentID: segmentID, version: segment.version, members: members, entered: entered, exited: exited,
                written: true, evaluatedAt: evaluatedAt)
        }
    }

    /// Enqueues a refresh job for every segment due; at most one queued or running job per
    /// segment (the dedupe key), so a slow refresh is never stacked up.
    public func enqueueDue(jobs: JobQueue, limit: Int = 500) async throws -> Int {
        let due = try await SegmentStore(pool: pool).due(limit: limit)
        for (tenantID, segmentID) in due {
            try await Self.enqueue(segmentID: segmentID, tenantID: tenantID, jobs: jobs)
        }
        return due.count
    }

    /// Enqueues a refresh of one segment (or returns the one already queued or running).
    @discardableResult
    public static func enqueue(segmentID: UUID, tenantID: UUID, jobs: JobQueue) async throws -> Job {
        let id = segmentID.uuidString.lowercased()
        return try await jobs.enqueue(
            kind: jobKind, tenantID: tenantID, payload: #"{"segmentId":"\#(id)"}"#, maxAttempts: 3,
            dedupeKey: "segment:" + id)
    }
}
