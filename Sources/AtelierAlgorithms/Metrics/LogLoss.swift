import Foundation

/// Mean binary cross-entropy of predicted `probabilities` for `labels` (true = positive),
/// equal to scikit-learn's `log_loss`: probabilities are clipped to [ε, 1 − ε] with ε the
/// machine epsilon, so a confident mistake costs a large but finite amount.
public func logLoss(labels: [Bool], probabilities: [Double]) throws(MetricError) -> Double {
    guard !labels.isEmpty else { throw .emptyData }
    guard labels.count == probabilities.count else {
        throw .countMismatch(labels: labels.count, scores: probabilities.count)
    }
    var total = 0.0
    for (index, (label, probability)) in zip(labels, probabilities).enumerated() {
        guard probability.isFinite else { throw .nonFiniteScore(index: index) }
        guard (0...1).contains(probability) else { throw .probabilityOutOfRange(index: index) }
        let clipped = min(max(probability, Double.ulpOfOne), 1 - Double.ulpOfOne)
        total -= label ? log(clipped) : log(1 - clipped)
    }
    return total / Double(labels.count)
}
