/// A clustering feature as cluster descriptions name it: its name, and the words for a
/// cluster well above or below the population on it ("recent" reads better than "low
/// recency in days").
public struct ClusterFeature: Sendable, Hashable, Codable {
    public var name: String
    public var highWord: String
    public var lowWord: String

    /// Words default to "high <name>" and "low <name>".
    public init(name: String, highWord: String? = nil, lowWord: String? = nil) {
        self.name = name
        self.highWord = highWord ?? "high \(name)"
        self.lowWord = lowWord ?? "low \(name)"
    }
}
