import AtelierDomain
import Foundation

/// `train:recommender`: trains, evaluates and registers one personal recommender version for
/// the job's tenant; the payload holds its parameters (missing ones take their defaults).
public struct TrainRecommenderJob: JobHandler {
    public var kind: String { ModelKind.recommender.trainingJobKind }

    private let pipeline: RecommenderPipeline

    public init(pipeline: RecommenderPipeline) {
        self.pipeline = pipeline
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant", reason: "is required to train a model", hint: nil)
        }
        let parameters = try JSONDecoder().decode(RecommenderParameters.self, from: Data(job.payload.utf8))
        let version = try await pipeline.train(tenantID: tenantID, parameters: parameters, jobID: job.id)
        return #"{"kind":"recommender","version":\#(version)}"#
    }
}
