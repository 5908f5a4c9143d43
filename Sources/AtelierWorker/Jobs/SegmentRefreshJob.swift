import AtelierDomain
import Foundation

/// Refreshes one segment's memberships (`{"segmentId": "…"}`, the job's tenant); the result
/// says how many members, entered and exited.
public struct SegmentRefreshJob: JobHandler {
    public var kind: String { SegmentRefresher.jobKind }

    private let refresher: SegmentRefresher

    public init(refresher: SegmentRefresher) {
        self.refresher = refresher
    }

    private struct Payload: Decodable {
        var segmentId: UUID
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenantId", reason: "is required for a segment refresh", hint: nil)
        }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let outcome = try await refresher.refresh(tenantID: tenantID, segmentID: payload.segmentId)
        return """
            {"members":\(outcome.members),"entered":\(outcome.entered),"exited":\(outcome.exited),\
            "version":\(outcome.version),"written":\(outcome.written)}
            """
    }
}
