/// A fitted logistic regression: P(y = 1 | x) = σ(w·x + b). Codable so that it can be stored
/// as a model artifact (with the scaler its features went through).
public struct LogisticRegressionModel: Sendable, Hashable, Codable {
    /// One weight per feature, in the order of the training columns.
    public var coefficients: [Double]
    public var intercept: Double
    /// Newton iterations the fit took; kept to compare fits and spot hard problems.
    public var iterations: Int

    public init(coefficients: [Double], intercept: Double, iterations: Int) {
        self.coefficients = coefficients
        self.intercept = intercept
        self.iterations = iterations
    }

    /// Probability of the positive class for one row of (scaled) features.
    public func predictProbability(_ row: [Double]) throws(ClassificationError) -> Double {
        try FeatureRows.validate([row], expectedColumns: coefficients.count)
        return LogisticObjective.sigmoid(LogisticObjective.margin(row, coefficients + [intercept]))
    }

    /// Probabilities of the positive class, one per row.
    public func predictProbabilities(_ rows: [[Double]]) throws(ClassificationError) -> [Double] {
        try FeatureRows.validate(rows, expectedColumns: coefficients.count)
        let parameters = coefficients + [intercept]
        return rows.map { LogisticObjective.sigmoid(LogisticObjective.margin($0, parameters)) }
    }
}
