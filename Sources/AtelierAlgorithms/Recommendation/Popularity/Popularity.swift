/// The most popular items, globally and per group (category, store, region, …): the answer when
/// nothing personal is possible (a new visitor, no `personalization` consent, a sparse history)
/// and the baseline every personal model must beat on the same holdout.
///
/// Deterministic: rankings are by score, then ascending item, whatever the order of interactions.
public struct Popularity: Sendable, Hashable, Codable {
    public var parameters: PopularityParameters

    public init(parameters: PopularityParameters = PopularityParameters()) {
        self.parameters = parameters
    }

    /// Ranks items over `interactions` (global ranking only).
    public func fit<User, Item>(_ interactions: [Interaction<User, Item>]) throws(RecommendationError) -> FittedPopularity<Item> {
        try fit(interactions.map { GroupedInteraction($0, groups: []) })
    }

    /// Ranks items globally and within every group named by some interaction. Interactions with
    /// weight 0 do not count; negative, NaN or infinite weights are refused (by index).
    ///
    /// Memory: the counts (one per distinct item and per distinct (group, item)), plus about 12
    /// bytes per interaction and 50 per user to visit interactions user by user; never a set of
    /// users per item.
    public func fit<User, Item>(_ interactions: [GroupedInteraction<User, Item>]) throws(RecommendationError)
        -> FittedPopularity<Item>
    {
        try parameters.validate()
        for (index, grouped) in interactions.enumerated() {
            let weight = grouped.interaction.weight
            guard weight >= 0, weight.isFinite else { throw .invalidWeight(index: index, weight: weight) }
        }
        var tallies: [PopularityGroup?: [Item: Tally]] = [:]
        for (userNumber, positions) in Self.positionsByUser(interactions).enumerated() {
            for position in positions {
                let grouped = interactions[Int(position)]
                let interaction = grouped.interaction
                guard interaction.weight > 0 else { continue }
                let count = { (group: PopularityGroup?) in
                    tallies[group, default: [:]][interaction.item, default: Tally()].add(user: Int32(userNumber), weight: interaction.weight)
                }
                count(nil)
                // A group named twice by one interaction counts once.
                for group in grouped.groups.count > 1 ? Array(Set(grouped.groups)) : grouped.groups { count(group) }
            }
        }
        guard let global = tallies[nil] else { throw .noInteractions }
        let rank = { (tallies: [Item: Tally]) in
            Self.ranking(tallies, measure: parameters.measure, limit: parameters.itemsPerRanking)
        }
        return FittedPopularity(
            parameters: parameters, global: rank(global),
            groups: tallies.keys.compactMap { $0 }.sorted().map { PopularityRanking(group: $0, items: rank(tallies[$0] ?? [:])) })
    }

    /// The positions of `interactions`, grouped by user (users numbered in order of first
    /// appearance): a counting sort, so that distinct users can be counted by remembering only
    /// the last user seen per item.
    private static func positionsByUser<User, Item>(_ interactions: [GroupedInteraction<User, Item>]) -> [ArraySlice<Int32>] {
        var numbers: [User: Int] = [:]
        let userOfPosition = interactions.map { grouped in
            if let number = numbers[grouped.interaction.user] { return number }
            numbers[grouped.interaction.user] = numbers.count
            return numbers.count - 1
        }
        var starts = [Int](repeating: 0, count: numbers.count + 1)
        for user in userOfPosition { starts[user + 1] += 1 }
        for user in 0..<numbers.count { starts[user + 1] += starts[user] }
        var next = starts
        var positions = [Int32](repeating: 0, count: interactions.count)
        for (position, user) in userOfPosition.enumerated() {
            positions[next[user]] = Int32(position)
            next[user] += 1
        }
        return (0..<numbers.count).map { positions[starts[$0]..<starts[$0 + 1]] }
    }

    /// The best `limit` items, highest score first, then ascending item.
    private static func ranking<Item: Hashable & Comparable & Sendable>(
        _ tallies: [Item: Tally], measure: PopularityParameters.Measure, limit: Int
    ) -> [ScoredItem<Item>] {
        let scored = tallies.map { item, tally in
            ScoredItem(item: item, score: measure == .distinctUsers ? Double(tally.users) : tally.weight)
        }
        let ranked = scored.sorted { (left: ScoredItem<Item>, right: ScoredItem<Item>) -> Bool in
            left.score != right.score ? left.score > right.score : left.item < right.item
        }
        return Array(ranked.prefix(limit))
    }
}

/// One item's counts within one ranking, fed user by user.
private struct Tally {
    private(set) var users = 0
    private(set) var weight = 0.0
    private var lastUser: Int32 = -1

    mutating func add(user: Int32, weight: Double) {
        self.weight += weight
        if user != lastUser {
            users += 1
            lastUser = user
        }
    }
}
