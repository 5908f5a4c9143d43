import AtelierDomain
import Foundation

/// `train:clv`: trains, evaluates and registers one lifetime-value version for the job's
/// tenant, and scores every customer when it serves.
public struct TrainLifetimeValueJob: JobHandler {
    public var kind: String { ModelKind.clv.trainingJobKind }

    private let pipeline: LifetimeValuePipeline

    public init(pipeline: LifetimeValuePipeline) {
        self.pipeline = pipeline
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant", reason: "is required to train a model", hint: nil)
        }
        let parameters = try JSONDecoder().decode(LifetimeValueParameters.self, from: Data(job.payload.utf8))
        let version = try await pipeline.train(tenantID: tenantID, parameters: parameters, jobID: job.id)
        return #"{"kind":"clv","version":\#(version)}"#
    }
}
