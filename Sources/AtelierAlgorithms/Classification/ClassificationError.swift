/// Why a scaler or classifier refused its input. Positions point at the offending row (and
/// column), so a caller can report the profile at fault.
public enum ClassificationError: Error, Equatable, Sendable {
    case emptyData
    /// Rows of the feature matrix must all have the same number of columns, at least one.
    case raggedRow(row: Int, expectedColumns: Int, actualColumns: Int)
    /// A model fitted on n features was given rows of another width.
    case featureCountMismatch(expected: Int, actual: Int)
    case nonFiniteFeature(row: Int, column: Int)
    /// `labels` must hold one label per feature row.
    case labelCountMismatch(rows: Int, labels: Int)
    /// Logistic regression needs both classes: with one, the intercept runs off to infinity.
    case singleClass
    case invalidHyperparameter(String)
    /// Newton's method stopped (iteration budget spent, or no step improving any more) before
    /// the gradient met the tolerance; `iterations` is how many it took.
    case didNotConverge(iterations: Int, gradientNorm: Double)
}
