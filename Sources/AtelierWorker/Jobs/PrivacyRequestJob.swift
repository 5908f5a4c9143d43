import AtelierDomain

/// Processes one privacy request (erasure, access, portability, restriction); a request
/// cancelled before the job ran is left as it is.
public struct PrivacyRequestJob: JobHandler {
    public var kind: String { PrivacyJobs.processKind }

    private let processor: PrivacyRequestProcessor

    public init(processor: PrivacyRequestProcessor) {
        self.processor = processor
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant_id", reason: "is missing", hint: nil)
        }
        let requestID = try PrivacyJobs.requestID(ofPayload: job.payload)
        switch try await processor.process(tenantID: tenantID, requestID: requestID) {
        case .completed: return #"{"outcome":"completed"}"#
        case .skipped(let status): return #"{"outcome":"skipped","request_status":"\#(status.rawValue)"}"#
        }
    }
}
