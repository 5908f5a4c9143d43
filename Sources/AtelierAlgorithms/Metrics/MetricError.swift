/// Why a metric could not be computed from the given labels and scores.
public enum MetricError: Error, Equatable, Sendable {
    case emptyData
    case countMismatch(labels: Int, scores: Int)
    case nonFiniteScore(index: Int)
    /// Log-loss takes probabilities, in [0, 1].
    case probabilityOutOfRange(index: Int)
    /// ROC AUC compares positives with negatives; with one class it is undefined.
    case singleClass
    /// A parameter outside its domain (a cut-off k below 1, an empty catalogue, …); `name` is
    /// the field at fault.
    case invalidParameter(name: String, reason: String)
}
