import AtelierDomain
import Foundation

/// `train:segmentation`: clusters the job's tenant's customers, registers the version with its
/// clusters, and writes every customer's cluster; the payload holds the parameters (missing
/// ones take their defaults).
public struct TrainSegmentationJob: JobHandler {
    public var kind: String { ModelKind.segmentation.trainingJobKind }

    private let pipeline: SegmentationPipeline

    public init(pipeline: SegmentationPipeline) {
        self.pipeline = pipeline
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant", reason: "is required to train a model", hint: nil)
        }
        let parameters = try JSONDecoder().decode(SegmentationParameters.self, from: Data(job.payload.utf8))
        let version = try await pipeline.train(tenantID: tenantID, parameters: parameters, jobID: job.id)
        return #"{"kind":"segmentation","version":\#(version)}"#
    }
}
