import Foundation

/// How many persons a rule selects, and a few of them, before it is saved.
public struct SegmentPreview: Sendable, Equatable {
    /// The number of members: exact, or estimated from a sample of persons.
    public var size: Int
    public var exact: Bool
    /// For an estimate, a 95 % interval around `size` (binomial sampling error only).
    public var low: Int
    public var high: Int
    /// Share of the tenant's persons evaluated (1 when exact).
    public var sampledFraction: Double
    /// Persons evaluated (those visible for the purpose in the sample, or all).
    public var evaluated: Int
    /// Up to `SegmentEvaluator.sampleSize` member ids, ascending.
    public var sample: [UUID]
    public var evaluatedAt: Date
}
