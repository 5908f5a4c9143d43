import AtelierDomain
import Foundation

/// `train:propensity` and `train:churn`: trains, evaluates and registers one version of the
/// classifier score for the job's tenant, and scores every profile when it serves; the payload
/// holds its parameters (missing ones take their defaults).
public struct TrainClassifierJob: JobHandler {
    public var kind: String { modelKind.trainingJobKind }

    private let modelKind: ModelKind
    private let pipeline: ClassifierPipeline

    /// `modelKind` is `.propensity` or `.churn`.
    public init(kind: ModelKind, pipeline: ClassifierPipeline) {
        modelKind = kind
        self.pipeline = pipeline
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant", reason: "is required to train a model", hint: nil)
        }
        let parameters = try JSONDecoder().decode(ClassifierParameters.self, from: Data(job.payload.utf8))
        let version = try await pipeline.train(tenantID: tenantID, kind: modelKind, parameters: parameters, jobID: job.id)
        return #"{"kind":"\#(modelKind.rawValue)","version":\#(version)}"#
    }
}
