import AtelierDomain
import Foundation

/// `GET /v1/profiles/{id}/recommendations`: the items, how they were chosen (`strategy`), why
/// (`reason`), and the recommender version behind them. `profileId` echoes the id asked for,
/// whether or not a profile with it is visible. `brands` only answers `sameBrand=true`.
struct PersonalRecommendationsResponse: Encodable {
    struct Item: Encodable {
        var item: RecommendedItem

        enum CodingKeys: String, CodingKey { case sku, name, score }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(item.sku, forKey: .sku)
            try container.encode(item.name, forKey: .name)
            try container.encode(item.score, forKey: .score)
        }
    }

    var profileID: UUID
    var answer: PersonalRecommendations

    enum CodingKeys: String, CodingKey { case profileId, data, strategy, reason, model, brands }
    enum ModelKeys: String, CodingKey { case kind, version, algorithm }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(profileID.lowercasedString, forKey: .profileId)
        try container.encode(answer.items.map(Item.init), forKey: .data)
        try container.encode(answer.strategy.rawValue, forKey: .strategy)
        try container.encode(answer.reason.rawValue, forKey: .reason)
        if let version = answer.modelVersion {
            var model = container.nestedContainer(keyedBy: ModelKeys.self, forKey: .model)
            try model.encode(ModelKind.recommender.rawValue, forKey: .kind)
            try model.encode(version, forKey: .version)
            try model.encode(answer.algorithm, forKey: .algorithm)
        } else {
            try container.encodeNil(forKey: .model)
        }
        try container.encodeIfPresent(answer.brands, forKey: .brands)
    }
}
