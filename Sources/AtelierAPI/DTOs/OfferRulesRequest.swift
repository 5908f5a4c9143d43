import AtelierDomain
import AtelierREST

/// Body of `PUT /v1/offers/rules`: the rules replace the tenant's; members left out take
/// their defaults.
struct OfferRulesRequest: Decodable, StrictDecodable {
    var noDiscountAbovePropensity: Double?
    var maxDiscountPercent: Int?
    var churnRiskThreshold: Double?
    var highValueMinor: Int64?

    static let allowedFields: Set<String> = [
        "noDiscountAbovePropensity", "maxDiscountPercent", "churnRiskThreshold", "highValueMinor",
    ]

    var rules: OfferRules {
        let defaults = OfferRules.defaults
        return OfferRules(
            noDiscountAbovePropensity: noDiscountAbovePropensity ?? defaults.noDiscountAbovePropensity,
            maxDiscountPercent: maxDiscountPercent ?? defaults.maxDiscountPercent,
            churnRiskThreshold: churnRiskThreshold ?? defaults.churnRiskThreshold,
            highValueMinor: highValueMinor ?? defaults.highValueMinor)
    }
}
