import AtelierDomain

/// Enqueues a refresh for every segment whose interval has passed (system-wide, every minute),
/// so a segment's memberships are at most its interval plus a minute old.
public struct SegmentScheduleJob: JobHandler {
    public var kind: String { SegmentRefresher.scheduleJobKind }

    private let refresher: SegmentRefresher
    private let jobs: JobQueue

    public init(refresher: SegmentRefresher, jobs: JobQueue) {
        self.refresher = refresher
        self.jobs = jobs
    }

    public func run(_ job: Job) async throws -> String? {
        #"{"enqueued":\#(try await refresher.enqueueDue(jobs: jobs))}"#
    }
}
