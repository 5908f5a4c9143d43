/// Area under the ROC curve of `scores` for binary `labels` (true = positive), equal to
/// scikit-learn's `roc_auc_score`.
///
/// Computed as the Mann–Whitney statistic: the probability that a random positive scores
/// above a random negative, ties counting one half. That equals the trapezoidal area under
/// the ROC curve that scikit-learn integrates, ties included, and needs only one sort. Rank
/// sums are half-integers, exact in double precision for any realistic sample size.
public func rocAUC(labels: [Bool], scores: [Double]) throws(MetricError) -> Double {
    guard !labels.isEmpty else { throw .emptyData }
    guard labels.count == scores.count else { throw .countMismatch(labels: labels.count, scores: scores.count) }
    if let index = scores.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteScore(index: index) }
    let positives = labels.count { $0 }
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { throw .singleClass }

    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
        var end = start
        while end + 1 < order.count, scores[order[end + 1]] == scores[order[start]] { end += 1 }
        // Ranks start + 1 … end + 1 are tied: each gets their mean.
        let averageRank = Double(start + end + 2) / 2
        for position in start...end where labels[order[position]] { positiveRankSum += averageRank }
        start = end + 1
    }
    let positiveCount = Double(positives)
    return (positiveRankSum - positiveCount * (positiveCount + 1) / 2) / (positiveCount * Double(negatives))
}
