import AtelierDomain
import Foundation

/// `GET /v1/profiles/{id}/scores`: the live profile's scores, each with its model version and
/// its explanation.
struct ScoresResponse: Encodable {
    struct Score: Encodable {
        struct Model: Encodable {
            var kind: String
            var version: Int
        }

        struct Contribution: Encodable {
            var feature: String
            var value: Double
            var contribution: Double
        }

        struct Lifetime: Encodable {
            var expectedPurchases: Double
            var expectedAverageSpendMinor: Double
            var probabilityAlive: Double
            var months: Int
        }

        var kind: String
        var score: Double
        var model: Model
        var contributions: [Contribution]
        var lifetime: Lifetime?
        var featuresAsOf: Date
        var scoredAt: Date

        enum CodingKeys: String, CodingKey {
            case kind, score, model, contributions, lifetime, featuresAsOf, scoredAt
        }

        init(_ score: ProfileScore) {
            kind = score.kind.rawValue
            self.score = score.score
            model = Model(kind: score.kind.rawValue, version: score.modelVersion)
            contributions = score.contributions.map {
                Contribution(feature: $0.feature, value: $0.value, contribution: $0.contribution)
            }
            lifetime = score.lifetime.map {
                Lifetime(
                    expectedPurchases: $0.expectedPurchases, expectedAverageSpendMinor: $0.expectedAverageSpendMinor,
                    probabilityAlive: $0.probabilityAlive, months: $0.months)
            }
            featuresAsOf = score.featuresAsOf
            scoredAt = score.scoredAt
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(score, forKey: .score)
            try container.encode(model, forKey: .model)
            try container.encode(contributions, forKey: .contributions)
            try container.encode(lifetime, forKey: .lifetime)
            try container.encode(featuresAsOf, forKey: .featuresAsOf)
            try container.encode(scoredAt, forKey: .scoredAt)
        }
    }

    var profileId: String
    var data: [Score]

    init(_ scores: ProfileScores) {
        profileId = scores.profileID.uuidString.lowercased()
        data = scores.scores.map(Score.init)
    }
}
