import AtelierAlgorithms
import Foundation

/// What the registry shows for a propensity or churn version (its `metrics` JSON): measured on
/// the time-based holdout, by the model fitted on the earlier snapshot.
struct ClassifierMetrics: Codable, Sendable {
    /// Persons in the holdout snapshot, and how many had the label.
    var holdoutRows: Int
    var holdoutPositives: Int
    var auc: Double
    var logLoss: Double
    /// Ranking by recency alone (days since the last order) on the same holdout: the baseline.
    var recencyBaselineAUC: Double
    /// AUC of the serving version's parameters refitted on the same training snapshot.
    var servingAUC: Double?
    var servingVersion: Int?
    var calibration: Calibration
    /// Coefficients of the version that serves (fitted on the freshest labelled snapshot), by feature.
    var coefficients: [String: Double]
}

/// Predicted against observed, in ten equal-width bins of predicted probability (empty bins
/// left out), and the expected calibration error: the bins' gaps weighted by their size.
struct Calibration: Codable, Sendable {
    struct Bin: Codable, Sendable {
        var from: Double
        var to: Double
        var count: Int
        var meanPredicted: Double
        var observedRate: Double
    }

    var bins: [Bin]
    var expectedCalibrationError: Double

    init(labels: [Bool], probabilities: [Double], binCount: Int = 10) {
        var counts = [Int](repeating: 0, count: binCount)
        var predicted = [Double](repeating: 0, count: binCount)
        var observed = [Double](repeating: 0, count: binCount)
        for (label, probability) in zip(labels, probabilities) {
            let bin = min(binCount - 1, max(0, Int(probability * Double(binCount))))
            counts[bin] += 1
            predicted[bin] += probability
            observed[bin] += label ? 1 : 0
        }
        bins = (0..<binCount).filter { counts[$0] > 0 }.map { bin in
            Bin(
                from: Double(bin) / Double(binCount), to: Double(bin + 1) / Double(binCount), count: counts[bin],
                meanPredicted: predicted[bin] / Double(counts[bin]), observedRate: observed[bin] / Double(counts[bin]))
        }
        let total = Double(max(1, labels.count))
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.count) / total * abs($1.meanPredicted - $1.observedRate) }
    }
}
