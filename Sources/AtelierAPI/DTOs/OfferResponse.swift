import AtelierDomain

/// `GET /v1/profiles/{id}/offer`: the decision, the scores and rules behind it, and the items.
struct OfferResponse: Encodable {
    struct Scores: Encodable {
        var propensity: Double?
        var churn: Double?
        var clv: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(propensity, forKey: .propensity)
            try container.encode(churn, forKey: .churn)
            try container.encode(clv, forKey: .clv)
        }

        enum CodingKeys: String, CodingKey { case propensity, churn, clv }
    }

    var personalised: Bool
    var discountPercent: Int
    var rule: String
    var reason: String
    var scores: Scores
    /// Serving model versions the scores came from, by kind.
    var models: [String: Int]
    var items: RelatedItemsResponse
    var rules: OfferRulesResponse

    init(_ decision: OfferDecision) {
        personalised = decision.personalised
        discountPercent = decision.discountPercent
        rule = decision.rule
        reason = decision.reason
        scores = Scores(propensity: decision.propensity, churn: decision.churnRisk, clv: decision.lifetimeValueMinor)
        models = Dictionary(uniqueKeysWithValues: decision.modelVersions.map { ($0.key.rawValue, $0.value) })
        items = RelatedItemsResponse(answer: decision.items)
        rules = OfferRulesResponse(rules: decision.rules)
    }
}
