/// What BG/NBD knows of one customer: the `(x, t_x, T)` triple of Fader, Hardie and Lee.
///
/// Times are in the model's period (weeks for the published CDNOW fit) and measured from
/// the customer's first purchase, which is not itself counted.
public struct PurchaseHistory: Sendable, Hashable, Codable {
    /// Number of repeat purchase occasions (x).
    public var frequency: Int
    /// Time from the first to the last purchase occasion (t_x); 0 when `frequency` is 0.
    public var recency: Double
    /// Time from the first purchase to the end of observation (T).
    public var age: Double

    public init(frequency: Int, recency: Double, age: Double) {
        self.frequency = frequency
        self.recency = recency
        self.age = age
    }
}
