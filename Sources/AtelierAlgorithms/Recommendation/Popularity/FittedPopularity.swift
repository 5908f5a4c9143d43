/// One group's ranking: its items, most popular first.
public struct PopularityRanking<Item: Hashable & Sendable & Codable>: Sendable, Hashable, Codable {
    public let group: PopularityGroup
    public let items: [ScoredItem<Item>]
}

/// What `Popularity.fit` ranked: the global ranking and one per group, each most popular first.
/// Codable, and free of per-person values (counts over users only).
public struct FittedPopularity<Item: Hashable & Comparable & Sendable & Codable>: Sendable, Hashable, Codable {
    public let parameters: PopularityParameters
    public let global: [ScoredItem<Item>]
    /// Sorted by group, so a group is found by binary search and the encoding is stable.
    public let groups: [PopularityRanking<Item>]

    init(parameters: PopularityParameters, global: [ScoredItem<Item>], groups: [PopularityRanking<Item>]) {
        self.parameters = parameters
        self.global = global
        self.groups = groups
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decode(PopularityParameters.self, forKey: .parameters)
        global = try container.decode([ScoredItem<Item>].self, forKey: .global)
        groups = try container.decode([PopularityRanking<Item>].self, forKey: .groups)
        guard zip(groups, groups.dropFirst()).allSatisfy({ $0.group < $1.group }) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "groups must be strictly ascending"))
        }
    }

    /// The ranking of `group`, or nil when no interaction counted in it.
    public func ranking(of group: PopularityGroup) -> [ScoredItem<Item>]? {
        var low = 0
        var high = groups.count
        while low < high {
            let middle = (low + high) / 2
            if groups[middle].group < group { low = middle + 1 } else { high = middle }
        }
        return low < groups.count && groups[low].group == group ? groups[low].items : nil
    }

    /// The `limit` most popular items of `group` (global when nil), leaving out `excluding`
    /// (already bought, out of stock, …). With `fillFromGlobal`, a group with too few items is
    /// completed from the global ranking (without repeats), so the answer is as long as the
    /// catalogue allows; an unknown group then answers with the global ranking alone.
    public func recommend(
        group: PopularityGroup? = nil, limit: Int, excluding: Set<Item> = [], fillFromGlobal: Bool = true
    ) -> [ScoredItem<Item>] {
        recommend(group: group, limit: limit, fillFromGlobal: fillFromGlobal) { !excluding.contains($0) }
    }

    /// The same ranking among the items `isCandidate` admits: what serving calls when business
    /// rules (brand, category, exclusions) decide the candidates, so a rule never has to be
    /// spelled out as a set of every item it leaves out.
    public func recommend(
        group: PopularityGroup? = nil, limit: Int, fillFromGlobal: Bool = true, where isCandidate: (Item) -> Bool
    ) -> [ScoredItem<Item>] {
        guard limit > 0 else { return [] }
        var chosen: [ScoredItem<Item>] = []
        var seen: Set<Item> = []
        let sources = group.map { [ranking(of: $0) ?? []] + (fillFromGlobal ? [global] : []) } ?? [global]
        for source in sources {
            for scored in source where isCandidate(scored.item) && seen.insert(scored.item).inserted {
                chosen.append(scored)
                if chosen.count == limit { return chosen }
            }
        }
        return chosen
    }
}
