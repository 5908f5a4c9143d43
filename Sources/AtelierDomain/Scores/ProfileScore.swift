import Foundation

/// One score of a profile, as `GET /v1/profiles/{id}/scores` shows it: from the serving
/// version of its kind, with its explanation.
public struct ProfileScore: Sendable, Equatable {
    public var kind: ModelKind
    public var modelVersion: Int
    /// A probability for propensity and churn; a value in minor units for CLV.
    public var score: Double
    /// Classifiers: the features that pushed the score most (coefficient × standardised value).
    public var contributions: [ScoreContribution]
    /// CLV: what the value is made of.
    public var lifetime: LifetimeScoreDetail?
    /// The facts the score saw end here (exclusive); the time it was computed.
    public var featuresAsOf: Date
    public var scoredAt: Date
}

/// The scores of a profile and the live profile they belong to (a merged-away id answers
/// with its survivor's scores).
public struct ProfileScores: Sendable, Equatable {
    public var profileID: UUID
    public var scores: [ProfileScore]
}
