import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/recommender/train` (optional): the members of
/// `RecommenderParameters`; members left out take their defaults.
struct RecommenderTrainRequest: Decodable, StrictDecodable {
    var parameters: RecommenderParameters

    static let allowedFields = RecommenderParameters.fieldNames

    init(from decoder: any Decoder) throws {
        parameters = try RecommenderParameters(from: decoder)
    }
}
