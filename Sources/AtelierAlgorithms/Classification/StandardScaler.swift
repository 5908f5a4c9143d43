/// Learns per-feature mean and standard deviation, as scikit-learn's `StandardScaler`.
///
/// Why it matters here: the L2 penalty of logistic regression treats every coefficient alike,
/// so features must share a scale for the penalty (and the coefficients' comparison with
/// scikit-learn) to mean anything.
public struct StandardScaler: Sendable, Hashable, Codable {
    public init() {}

    /// Means and population standard deviations (divided by n, as NumPy's `std` and
    /// scikit-learn do). A constant feature gets a scale of 1, as in scikit-learn, so that it
    /// transforms to 0 instead of dividing by zero.
    public func fit(_ rows: [[Double]]) throws(ClassificationError) -> StandardScalerModel {
        let columns = try FeatureRows.validate(rows)
        let count = Double(rows.count)
        var mean = [Double](repeating: 0, count: columns)
        for row in rows {
            for column in 0..<columns { mean[column] += row[column] }
        }
        for column in 0..<columns { mean[column] /= count }
        // Two passes (mean, then squared deviations) rather than E[x²] − E[x]², which loses
        // precision badly when the mean is large against the spread.
        var variance = [Double](repeating: 0, count: columns)
        for row in rows {
            for column in 0..<columns {
                let deviation = row[column] - mean[column]
                variance[column] += deviation * deviation
            }
        }
        let scale = variance.map { sum -> Double in
            let deviation = (sum / count).squareRoot()
            return deviation > 0 ? deviation : 1
        }
        return StandardScalerModel(mean: mean, scale: scale)
    }
}
