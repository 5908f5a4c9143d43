import AtelierAlgorithms
import Foundation

/// A fitted propensity or churn model as stored with its version (`score_models`): the scaler
/// and the coefficients over a named feature set. No person in it.
struct ClassifierScoreModel: Codable, Sendable {
    var featureSet: Int
    var features: [String]
    var horizonDays: Int
    var scaler: StandardScalerModel
    var model: LogisticRegressionModel

    /// The probability for one row of features, and the features that moved it most: each
    /// coefficient times the feature's standardised value (its push on the log-odds), the
    /// largest in absolute value first.
    func score(_ row: [Double], top: Int) throws -> (probability: Double, contributions: [ScoreContribution]) {
        let scaled = try scaler.transform(row)
        let probability = try model.predictProbability(scaled)
        let contributions = features.indices.map { index in
            ScoreContribution(
                feature: features[index], value: row[index], contribution: model.coefficients[index] * scaled[index])
        }
        .sorted { (abs($0.contribution), $1.feature) > (abs($1.contribution), $0.feature) }
        return (probability, Array(contributions.prefix(top)))
    }
}

/// How much one feature pushed a score (log-odds units): coefficient × standardised value.
public struct ScoreContribution: Codable, Sendable, Equatable {
    public var feature: String
    /// The feature's value for the profile, unscaled.
    public var value: Double
    public var contribution: Double
}
