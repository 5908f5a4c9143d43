import Foundation

/// The Gamma-Gamma log-likelihood of repeat customers' mean spends (Fader, Hardie & Lee,
/// note 025, eq. 1a; lifetimes' `GammaGammaFitter._negative_log_likelihood`).
///
/// Why precomputed: the log-gamma and `x·log x` terms depend on a customer only through x,
/// so they are computed once per distinct frequency per evaluation, and each customer's
/// `log m̄` once for the whole fit; an evaluation then costs one logarithm per customer.
/// Customers are summed in sorted order, so the value does not depend on their input order.
struct GammaGammaLikelihood: Sendable {
    private struct Customer: Sendable {
        var frequencySlot: Int
        var frequency: Double
        var logSpend: Double
        var totalSpend: Double
    }

    private let customers: [Customer]
    private let frequencies: [Double]

    /// Histories must have passed `SpendHistory.validate`.
    init(_ histories: [SpendHistory]) {
        let distinct = Array(Set(histories.map(\.frequency))).sorted()
        let slots = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        let ordered = histories.sorted { ($0.frequency, $0.monetaryValue) < ($1.frequency, $1.monetaryValue) }
        customers = ordered.map { history in
            let x = Double(history.frequency)
            return Customer(
                frequencySlot: slots[history.frequency] ?? 0,
                frequency: x,
                logSpend: log(history.monetaryValue),
                totalSpend: x * history.monetaryValue
            )
        }
        frequencies = distinct.map(Double.init)
    }

    var customerCount: Int { customers.count }

    /// Sum of the customers' log-likelihoods at the given parameters (all positive).
    func logLikelihood(_ parameters: GammaGammaModel) -> Double {
        let (p, q, v) = (parameters.p, parameters.q, parameters.v)
        let shared = q * log(v) - lgamma(q)
        let perFrequency = frequencies.map { x in
            lgamma(p * x + q) - lgamma(p * x) + p * x * log(x) + shared
        }
        var total = 0.0
        for customer in customers {
            let shape = p * customer.frequency
            total += perFrequency[customer.frequencySlot]
                + (shape - 1) * customer.logSpend
                - (shape + q) * log(customer.totalSpend + v)
        }
        return total
    }
}
