import AtelierDomain

/// `OfferRules` in the OpenAPI schema.
struct OfferRulesResponse: Encodable {
    var noDiscountAbovePropensity: Double
    var maxDiscountPercent: Int
    var churnRiskThreshold: Double
    var highValueMinor: Int64

    init(rules: OfferRules) {
        noDiscountAbovePropensity = rules.noDiscountAbovePropensity
        maxDiscountPercent = rules.maxDiscountPercent
        churnRiskThreshold = rules.churnRiskThreshold
        highValueMinor = rules.highValueMinor
    }
}
