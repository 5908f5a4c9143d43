/// How much each class counts in the logistic loss (scikit-learn's `class_weight`).
public enum ClassWeighting: String, Sendable, Hashable, Codable {
    /// Every sample counts once (`class_weight=None`).
    case uniform
    /// Each class counts as much in total: weight n / (2 · n_class), as scikit-learn's
    /// `class_weight="balanced"`. Why: with rare positives (buyers among lapsed customers) the
    /// unweighted fit can favour predicting the majority class.
    case balanced

    /// Weights for negative and positive samples given the class counts (both positive).
    func weights(negatives: Int, positives: Int) -> (negative: Double, positive: Double) {
        switch self {
        case .uniform:
            return (1, 1)
        case .balanced:
            let total = Double(negatives + positives)
            return (total / (2 * Double(negatives)), total / (2 * Double(positives)))
        }
    }
}
