/// An interaction with when it happened, for time-based evaluation.
public struct TimedInteraction<User: Hashable & Sendable, Item: Hashable & Sendable>: Sendable, Hashable {
    public var interaction: Interaction<User, Item>
    /// Seconds since 1970-01-01T00:00:00Z.
    public var timestamp: Int64

    public init(_ interaction: Interaction<User, Item>, timestamp: Int64) {
        self.interaction = interaction
        self.timestamp = timestamp
    }
}

/// The time-based holdout of issue 5: train on everything up to N days before the end of the
/// data, test on those last N days, as the model will be used (fitted on the past, asked about
/// the future). A random split would leak the future into training.
///
/// With `end` the latest timestamp (or the one given) and cutoff = end − N · 86,400 s:
/// train = timestamp ≤ cutoff, test = cutoff < timestamp ≤ end; interactions after an explicit
/// `end` are in neither. Days are 24-hour periods counted back from `end`, not calendar days, so
/// the split needs no time zone.
public struct TimeHoldoutSplitter: Sendable, Hashable, Codable {
    public var testDays: Int
    /// The end of the data window; nil for the latest timestamp in the data.
    public var end: Int64?

    public init(testDays: Int, end: Int64? = nil) {
        self.testDays = testDays
        self.end = end
    }

    public func split<User, Item>(_ interactions: [TimedInteraction<User, Item>]) throws(MetricError) -> HoldoutSplit<User, Item> {
        guard testDays >= 1 else { throw .invalidParameter(name: "testDays", reason: "must be at least 1") }
        guard let latest = end ?? interactions.lazy.map(\.timestamp).max() else { throw .emptyData }
        let (window, windowOverflow) = Int64(testDays).multipliedReportingOverflow(by: 86_400)
        let (cutoff, overflow) = latest.subtractingReportingOverflow(window)
        guard !windowOverflow, !overflow else {
            throw .invalidParameter(name: "testDays", reason: "reaches before the representable time")
        }
        var train: [Interaction<User, Item>] = []
        var test: [Interaction<User, Item>] = []
        for timed in interactions where timed.timestamp <= latest {
            if timed.timestamp <= cutoff { train.append(timed.interaction) } else { test.append(timed.interaction) }
        }
        return HoldoutSplit(cutoff: cutoff, end: latest, train: train, test: test)
    }
}

/// A train/test split of interactions and the relevant items it implies for `RankingMetrics`.
public struct HoldoutSplit<User: Hashable & Sendable, Item: Hashable & Sendable>: Sendable, Hashable {
    /// Train holds timestamps ≤ cutoff, test timestamps in (cutoff, end].
    public let cutoff: Int64
    public let end: Int64
    public let train: [Interaction<User, Item>]
    public let test: [Interaction<User, Item>]

    public init(cutoff: Int64, end: Int64, train: [Interaction<User, Item>], test: [Interaction<User, Item>]) {
        self.cutoff = cutoff
        self.end = end
        self.train = train
        self.test = test
    }

    /// For each user, the items of their test interactions with a positive weight: what a good
    /// recommender, fitted on `train`, should have suggested. By default only users with a train
    /// history (a personal model can say nothing about the others; the popularity baseline is
    /// scored on the same users so the numbers compare) and only items new to the user (the
    /// recommenders leave out what a user already has); users left with no item are omitted.
    public func relevantItems(requireTrainHistory: Bool = true, excludeTrainItems: Bool = true) -> [User: Set<Item>] {
        var known: [User: Set<Item>] = [:]
        for interaction in train where interaction.weight > 0 { known[interaction.user, default: []].insert(interaction.item) }
        var relevant: [User: Set<Item>] = [:]
        for interaction in test where interaction.weight > 0 {
            let history = known[interaction.user]
            if requireTrainHistory, history == nil { continue }
            if excludeTrainItems, history?.contains(interaction.item) == true { continue }
            relevant[interaction.user, default: []].insert(interaction.item)
        }
        return relevant
    }
}
