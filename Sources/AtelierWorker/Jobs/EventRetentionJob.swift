import AtelierDomain
import Foundation

/// `retention:events`. The daily system job (no tenant) fans out one job per tenant with a
/// retention policy; a tenant's job applies its policy in bounded batches and, when it
/// stopped at its batch limit with work left, queues its own continuation at once.
public struct EventRetentionJob: JobHandler {
    public static let kindName = "retention:events"
    public var kind: String { Self.kindName }

    private let retention: EventRetention
    private let policies: EventRetentionPolicies
    private let queue: JobQueue

    public init(retention: EventRetention, policies: EventRetentionPolicies, queue: JobQueue) {
        self.retention = retention
        self.policies = policies
        self.queue = queue
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            let tenants = try await policies.tenantsWithPolicies()
            for tenantID in tenants {
                try await queue.enqueue(kind: Self.kindName, tenantID: tenantID, dedupeKey: "retention")
            }
            return #"{"tenants":\#(tenants.count)}"#
        }
        guard let run = try await retention.apply(tenantID: tenantID, jobID: job.id) else {
            return #"{"policy":null}"#
        }
        if !run.isComplete {
            try await queue.enqueue(kind: Self.kindName, tenantID: tenantID, dedupeKey: "retention:continuation")
        }
        return #"{"processed":\#(run.processed),"batches":\#(run.batches),"complete":\#(run.isComplete)}"#
    }
}
