import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/clv/train` (optional); members left out take their defaults.
struct LifetimeValueTrainRequest: Decodable, StrictDecodable {
    var holdoutDays: Int?
    var months: Int?
    var monthlyDiscountRate: Double?
    var penalizer: Double?

    static let allowedFields: Set<String> = ["holdoutDays", "months", "monthlyDiscountRate", "penalizer"]

    var parameters: LifetimeValueParameters {
        let defaults = LifetimeValueParameters()
        return LifetimeValueParameters(
            holdoutDays: holdoutDays ?? defaults.holdoutDays, months: months ?? defaults.months,
            monthlyDiscountRate: monthlyDiscountRate ?? defaults.monthlyDiscountRate,
            penalizer: penalizer ?? defaults.penalizer)
    }
}
