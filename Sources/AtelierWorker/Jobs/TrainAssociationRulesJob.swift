import AtelierDomain
import Foundation

/// `train:association_rules`: trains, evaluates and registers one bought-together version for
/// the job's tenant; the payload holds its parameters (missing ones take their defaults).
public struct TrainAssociationRulesJob: JobHandler {
    public var kind: String { ModelKind.associationRules.trainingJobKind }

    private let pipeline: AssociationRulesPipeline

    public init(pipeline: AssociationRulesPipeline) {
        self.pipeline = pipeline
    }

    public func run(_ job: Job) async throws -> String? {
        guard let tenantID = job.tenantID else {
            throw DomainError.invalid(field: "tenant", reason: "is required to train a model", hint: nil)
        }
        let parameters = try JSONDecoder().decode(BoughtTogetherParameters.self, from: Data(job.payload.utf8))
        let version = try await pipeline.train(tenantID: tenantID, parameters: parameters, jobID: job.id)
        return #"{"kind":"association_rules","version":\#(version)}"#
    }
}
