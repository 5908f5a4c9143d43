/// The minimum support an itemset needs to be frequent, as a share of the baskets or as a
/// number of baskets.
///
/// Thresholds are always applied to integer support counts, so that an itemset is frequent or
/// not for one reason only. A fraction becomes a count exactly as mlxtend's `fpgrowth` makes it
/// (see `requiredCount(transactionCount:)`), so that Atelier's counts equal mlxtend's; a count is
/// for callers who want a threshold free of floating-point rounding altogether.
public enum MinimumSupport: Sendable, Hashable, Codable {
    /// A share of the baskets, in (0, 1].
    case fraction(Double)
    /// A number of baskets, at least 1.
    case count(Int)

    /// The smallest support count an itemset needs among `transactionCount` baskets.
    ///
    /// For a fraction `f` over `N` baskets this is the smallest count `c` with both
    /// `c ≥ ceil(f × N)` and `c / N ≥ f`, each computed in `Double` — mlxtend mines the FP-tree with
    /// `math.ceil(min_support * N)` and then keeps only itemsets whose `count / N >= min_support`,
    /// so an itemset must pass both. Replicating the floating-point product matters at the edges:
    /// `0.07 × 100` is `7.000000000000001` in `Double`, so mlxtend (and Atelier) require 8 baskets
    /// out of 100 for a 7 % support, not 7. The second condition guards the opposite rounding,
    /// a product that falls just below an integer.
    func requiredCount(transactionCount: Int) -> Int {
        switch self {
        case .count(let count):
            return count
        case .fraction(let fraction):
            let total = Double(transactionCount)
            var count = Int((fraction * total).rounded(.up))
            while Double(count) / total < fraction {
                count += 1
            }
            return count
        }
    }

    /// Refuses thresholds that mlxtend refuses, and counts below 1.
    func validate() throws(AssociationRulesError) {
        switch self {
        case .fraction(let fraction):
            guard fraction > 0, fraction <= 1 else {
                throw .minSupportFractionOutOfRange(fraction)
            }
        case .count(let count):
            guard count >= 1 else {
                throw .minSupportCountNotPositive(count)
            }
        }
    }
}
