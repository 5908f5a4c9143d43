import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/association_rules/train` (optional): parameters for this training;
/// those left out take their defaults.
struct TrainRequest: Decodable, StrictDecodable {
    var minSupport: Double?
    var minSupportCount: Int?
    var minConfidence: Double?
    var minLift: Double?
    var maxLength: Int?
    var holdoutDays: Int?
    var k: Int?

    init() {}

    static let allowedFields: Set<String> = [
        "minSupport", "minSupportCount", "minConfidence", "minLift", "maxLength", "holdoutDays", "k",
    ]

    var parameters: BoughtTogetherParameters {
        let defaults = BoughtTogetherParameters.default
        return BoughtTogetherParameters(
            minSupport: minSupport ?? defaults.minSupport, minSupportCount: minSupportCount ?? defaults.minSupportCount,
            minConfidence: minConfidence ?? defaults.minConfidence, minLift: minLift ?? defaults.minLift,
            maxLength: maxLength ?? defaults.maxLength, holdoutDays: holdoutDays ?? defaults.holdoutDays, k: k ?? defaults.k)
    }
}
