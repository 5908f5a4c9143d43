import Foundation

/// The parameters of one training, whatever the kind: each kind has its own parameter type,
/// validated before the job is queued and stored as the job's payload.
public enum TrainingParameters: Sendable, Equatable {
    case boughtTogether(BoughtTogetherParameters)
    case classifier(ClassifierParameters)
    case lifetimeValue(LifetimeValueParameters)
    case recommender(RecommenderParameters)
    case segmentation(SegmentationParameters)

    /// The defaults of `kind`, for a training asked without parameters.
    public static func defaults(for kind: ModelKind) -> TrainingParameters {
        switch kind {
        case .associationRules: .boughtTogether(.default)
        case .propensity, .churn: .classifier(ClassifierParameters())
        case .clv: .lifetimeValue(LifetimeValueParameters())
        case .recommender: .recommender(.default)
        case .segmentation: .segmentation(SegmentationParameters())
        }
    }

    /// Decodes a stored payload (job or tenant settings) of `kind`; members left out take their defaults.
    public static func decode(kind: ModelKind, json: String) throws -> TrainingParameters {
        let data = Data((json.isEmpty ? "{}" : json).utf8)
        let decoder = JSONDecoder()
        switch kind {
        case .associationRules: return .boughtTogether(try decoder.decode(BoughtTogetherParameters.self, from: data))
        case .propensity, .churn: return .classifier(try decoder.decode(ClassifierParameters.self, from: data))
        case .clv: return .lifetimeValue(try decoder.decode(LifetimeValueParameters.self, from: data))
        case .recommender: return .recommender(try decoder.decode(RecommenderParameters.self, from: data))
        case .segmentation: return .segmentation(try decoder.decode(SegmentationParameters.self, from: data))
        }
    }

    /// Whether these parameters belong to `kind`.
    func fits(_ kind: ModelKind) -> Bool {
        switch (self, kind) {
        case (.boughtTogether, .associationRules), (.classifier, .propensity), (.classifier, .churn),
            (.lifetimeValue, .clv), (.recommender, .recommender),
            (.segmentation, .segmentation):
            true
        default: false
        }
    }

    public func validate() throws(DomainError) {
        switch self {
        case .boughtTogether(let parameters): try parameters.validate()
        case .classifier(let parameters): try parameters.validate()
        case .lifetimeValue(let parameters): try parameters.validate()
        case .recommender(let parameters): try parameters.validate()
        case .segmentation(let parameters): try parameters.validate()
        }
    }

    /// The payload stored with the job, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        switch self {
        case .boughtTogether(let parameters): data = try encoder.encode(parameters)
        case .classifier(let parameters): data = try encoder.encode(parameters)
        case .lifetimeValue(let parameters): data = try encoder.encode(parameters)
        case .recommender(let parameters): data = try encoder.encode(parameters)
        case .segmentation(let parameters): data = try encoder.encode(parameters)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
