/// Why `AssociationRules.fit` refused its input. Bad parameters or an empty data set are the
/// caller's mistake to report (the API turns them into problem+json), never a crash.
public enum AssociationRulesError: Error, Equatable, Sendable {
    /// No baskets at all: supports would be a division by zero.
    case noTransactions
    /// `MinimumSupport.fraction` must lie in (0, 1], as in mlxtend; NaN is refused too.
    case minSupportFractionOutOfRange(Double)
    /// `MinimumSupport.count` must be at least 1: a threshold of 0 would make every
    /// combination of items "frequent", which no data set can afford.
    case minSupportCountNotPositive(Int)
    /// `minConfidence` must lie in [0, 1]; NaN is refused too.
    case minConfidenceOutOfRange(Double)
    /// `minLift` must be finite and at least 0 (0 keeps every rule).
    case minLiftOutOfRange(Double)
    /// `maxLength` must be at least 1 when given.
    case maxLengthNotPositive(Int)
    /// `maxConsequentLength` must be at least 1 when given.
    case maxConsequentLengthNotPositive(Int)
}
