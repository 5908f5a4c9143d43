/// Why a repeat-purchase or spend model refused its input or could not be fitted.
///
/// Indices point at the offending element of the array passed in, so a caller can report
/// the customer at fault instead of dropping the whole batch silently.
public enum LifetimeModelError: Error, Equatable, Sendable {
    /// The field of a history or transaction that failed a check.
    public enum Field: String, Sendable, Codable {
        case frequency, recency, age, monetaryValue, amount
    }

    case emptyData
    case nonFinite(Field, index: Int)
    case negative(Field, index: Int)
    /// `recency > age`: the last purchase would be after the end of observation.
    case recencyExceedsAge(index: Int)
    /// `frequency == 0` but `recency > 0`: a recency needs a repeat purchase to measure it.
    case recencyWithoutRepeatPurchase(index: Int)
    /// `frequency > 0` but `recency == 0`: a repeat purchase on the first purchase's own
    /// occasion. Daily summaries cannot produce it (same-day purchases are one occasion);
    /// it signals purchases counted per order instead of per day, which inflates x. lifetimes
    /// accepts it silently; here it is refused so that such input is noticed.
    case repeatPurchaseWithoutRecency(index: Int)
    /// Gamma-Gamma models the spend of repeat purchases only: pass customers with `frequency > 0`.
    case noRepeatPurchase(index: Int)
    /// Gamma-Gamma needs a positive mean spend (it takes its logarithm).
    case nonPositiveSpend(index: Int)
    case invalidHyperparameter(String)
    /// The optimiser hit its evaluation budget before the simplex met the tolerances.
    case didNotConverge(evaluations: Int)
    /// The fitted q is at most 1, so the population's mean spend `p·v/(q−1)` is infinite
    /// and no expected spend can be computed from the model.
    case infiniteMeanSpend(q: Double)
}
