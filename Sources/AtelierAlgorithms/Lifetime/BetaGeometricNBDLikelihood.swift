import Foundation

/// The BG/NBD log-likelihood of a set of customers (Fader, Hardie & Lee 2005, eq. 6),
/// evaluated the way lifetimes does but arranged for speed on millions of customers.
///
/// Why the arrangement: the optimiser evaluates the likelihood hundreds of times, and
/// - customers with the same `(x, t_x, T)` contribute the same term, so identical histories
///   are merged into one weighted pattern (daily data has few distinct patterns);
/// - the log-gamma terms depend on the customer only through x, so they are computed once per
///   distinct frequency per evaluation rather than once per customer.
///
/// Numerical stability: the two terms of the likelihood are combined with log-sum-exp, and the
/// second one is absent for x = 0 (a customer without repeat purchases cannot have died after one).
/// Patterns are summed in a fixed order (sorted histories), so the value is deterministic.
struct BetaGeometricNBDLikelihood: Sendable {
    private struct Pattern: Sendable {
        var frequencySlot: Int
        var recency: Double
        var age: Double
        var weight: Double
    }

    private let patterns: [Pattern]
    private let frequencies: [Int]
    let customerCount: Int

    /// Histories must have passed `PurchaseHistory.validate`.
    init(_ histories: [PurchaseHistory]) {
        let sorted = histories.sorted {
            ($0.frequency, $0.recency, $0.age) < ($1.frequency, $1.recency, $1.age)
        }
        var patterns: [Pattern] = []
        var frequencies: [Int] = []
        for history in sorted {
            if let last = patterns.last, frequencies[last.frequencySlot] == history.frequency,
               last.recency == history.recency, last.age == history.age {
                patterns[patterns.count - 1].weight += 1
                continue
            }
            if frequencies.last != history.frequency { frequencies.append(history.frequency) }
            patterns.append(Pattern(
                frequencySlot: frequencies.count - 1, recency: history.recency, age: history.age, weight: 1))
        }
        self.patterns = patterns
        self.frequencies = frequencies
        self.customerCount = histories.count
    }

    /// Sum of the customers' log-likelihoods at the given parameters (all positive).
    func logLikelihood(_ parameters: BetaGeometricNBDModel) -> Double {
        let (r, alpha, a, b) = (parameters.r, parameters.alpha, parameters.a, parameters.b)
        let shared = lgamma(a + b) - lgamma(b) - lgamma(r) + r * log(alpha)
        let logA = log(a)
        let perFrequency = frequencies.map { x -> (constant: Double, dropout: Double) in
            let x = Double(x)
            let constant = shared + lgamma(r + x) + lgamma(b + x) - lgamma(a + b + x)
            let dropout = logA - log(b + max(x, 1) - 1)
            return (constant, dropout)
        }
        var total = 0.0
        for pattern in patterns {
            let x = frequencies[pattern.frequencySlot]
            let terms = perFrequency[pattern.frequencySlot]
            let shape = r + Double(x)
            let survived = -shape * log(alpha + pattern.age)
            var contribution = terms.constant + survived
            if x > 0 {
                let diedAfterLast = terms.dropout - shape * log(alpha + pattern.recency)
                let high = max(survived, diedAfterLast)
                let low = min(survived, diedAfterLast)
                contribution = terms.constant + high + log1p(exp(low - high))
            }
            total += pattern.weight * contribution
        }
        return total
    }
}
