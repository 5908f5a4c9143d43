/// What Gamma-Gamma knows of one repeat customer: how many repeat purchase occasions, and
/// their mean spend.
public struct SpendHistory: Sendable, Hashable, Codable {
    /// Number of repeat purchase occasions (x); Gamma-Gamma needs x > 0.
    public var frequency: Int
    /// Mean spend of those occasions (m̄); must be positive.
    public var monetaryValue: Double

    public init(frequency: Int, monetaryValue: Double) {
        self.frequency = frequency
        self.monetaryValue = monetaryValue
    }
}
