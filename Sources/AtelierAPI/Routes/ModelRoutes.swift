import AtelierDomain
import AtelierHTTP
import AtelierREST
import Foundation

/// `/v1/models`: the registry (versions with their metrics and why each serves or not),
/// training on demand, and promotion by hand (also how a rollback is done).
struct ModelRoutes {
    let registry: ModelRegistry
    let training: ModelTraining

    func register(on router: some RouteBuilder) {
        router.get("/models") { [registry] request in
            let principal = try request.principal(requiring: .modelsManage)
            var summaries: [ModelSummaryResponse] = []
            for kind in ModelKind.allCases {
                let versions = try await registry.versions(tenantID: principal.tenantID, kind: kind)
                summaries.append(
                    ModelSummaryResponse(
                        kind: kind.rawValue, servingVersion: versions.first { $0.status == .serving }?.version,
                        latestVersion: versions.first?.version, latestStatus: versions.first?.status.rawValue))
            }
            return try .json(ListResponse(data: summaries))
        }
        router.get("/models/{kind}/versions") { [registry] request in
            let principal = try request.principal(requiring: .modelsManage)
            let versions = try await registry.versions(tenantID: principal.tenantID, kind: try Self.kind(request))
            return try .json(ListResponse(data: versions.map(ModelVersionResponse.init)))
        }
        router.post("/models/{kind}/train", maxBodySize: 4 * 1024) { [training] request in
            let principal = try request.principal(requiring: .modelsManage)
            let kind = try Self.kind(request)
            let job = try await training.request(
                tenantID: principal.tenantID, kind: kind, parameters: try Self.parameters(for: kind, request))
            var headers = HTTPHeaders()
            headers.add(name: "Location", value: "/v1/jobs/\(job.id.lowercasedString)")
            return try .json(JobResponse(job: job), status: .accepted, headers: headers)
        }
        router.post("/models/{kind}/versions/{version}/promote") { [registry, training] request in
            let principal = try request.principal(requiring: .modelsManage)
            let kind = try Self.kind(request)
            let promoted = try await registry.promote(
                tenantID: principal.tenantID, kind: kind,
                version: try request.parameter("version", as: Int.self), by: "key:" + principal.keyID.lowercasedString)
            if ModelKind.scores.contains(kind) { try await training.requestRescore(tenantID: principal.tenantID) }
            return try .json(ModelVersionResponse(version: promoted))
        }
    }

    /// The optional body of a training, read as the parameters of `kind`.
    private static func parameters(for kind: ModelKind, _ request: Request) throws -> TrainingParameters {
        guard !request.http.body.isEmpty else { return .defaults(for: kind) }
        switch kind {
        case .associationRules: return .boughtTogether(try request.decode(TrainRequest.self).parameters)
        case .propensity, .churn: return .classifier(try request.decode(ClassifierTrainRequest.self).parameters)
        case .clv: return .lifetimeValue(try request.decode(LifetimeValueTrainRequest.self).parameters)
        case .recommender: return .recommender(try request.decode(RecommenderTrainRequest.self).parameters)
        case .segmentation: return .segmentation(try request.decode(SegmentationTrainRequest.self).parameters())
        }
    }

    static func kind(_ request: Request) throws -> ModelKind {
        let name = try request.parameter("kind", as: String.self)
        guard let kind = ModelKind(rawValue: name) else {
            throw Problem.notFound(
                "No model kind '\(name)'; kinds: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return kind
    }
}
