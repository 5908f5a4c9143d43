import Foundation

/// Groups the events of an import chunk whose identifiers are all new to the tenant into the
/// profiles sequential resolution would create for them, without a merge: events sharing an
/// identifier, in file order, where each event after the first of its group shares an
/// identifier with those before it. Such a group is one new profile holding all its
/// identifiers, exactly what `IdentityGraph` would build event by event. A group that
/// sequential resolution would first split and then merge (an event joining two earlier
/// groups), or whose identifiers break a per-type limit, is left to `IdentityGraph`, so its
/// merges and refusals are recorded as they would be for `/v1/batch`. So is a group sharing
/// an identifier with a call of the chunk resolved one by one (`reserved`): that call may
/// link the group to a known profile or to another group, which only order can settle.
struct NewIdentityClusters {
    /// The new profile of each clustered event, by the event's position in the input.
    private(set) var profileOf: [Int: UUID] = [:]
    /// Positions of events to resolve one by one.
    private(set) var diverted: [Int] = []
    private(set) var plan = IdentityPlan()

    init(
        events: [(position: Int, identifiers: [Identifier])], reserved: Set<Identifier>, rules: IdentityRules,
        now: Date = Date()
    ) {
        var parent: [Int] = []
        var clusterOf: [Identifier: Int] = [:]
        var merged: Set<Int> = []
        func root(_ cluster: Int) -> Int {
            var cluster = cluster
            while parent[cluster] != cluster { cluster = parent[cluster] }
            return cluster
        }
        var clusterOfEvent: [Int] = []
        for event in events {
            let roots = Set(event.identifiers.compactMap { clusterOf[$0].map(root) })
            let cluster: Int
            if let first = roots.min() {
                cluster = first
                if roots.count > 1 {
                    for other in roots where other != first { parent[other] = first }
                    merged.insert(first)
                }
                if !merged.isDisjoint(with: roots) { merged.insert(first) }
            } else {
                cluster = parent.count
                parent.append(cluster)
            }
            for identifier in event.identifiers { clusterOf[identifier] = cluster }
            clusterOfEvent.append(cluster)
        }
        var identifiersOf: [Int: Set<Identifier>] = [:]
        for (identifier, cluster) in clusterOf { identifiersOf[root(cluster), default: []].insert(identifier) }
        var profiles: [Int: UUID] = [:]
        var clock = now
        for (offset, event) in events.enumerated() {
            let cluster = root(clusterOfEvent[offset])
            let identifiers = identifiersOf[cluster] ?? []
            guard !merged.contains(cluster), identifiers.isDisjoint(with: reserved), Self.fits(identifiers, rules: rules)
            else {
                diverted.append(event.position)
                continue
            }
            if profiles[cluster] == nil {
                let id = UUID()
                clock = clock.addingTimeInterval(0.000_001)
                profiles[cluster] = id
                plan.newProfiles.append(IdentityPlan.NewProfile(id: id, createdAt: clock))
                plan.newIdentifiers += identifiers.map { ($0, id) }
            }
            profileOf[event.position] = profiles[cluster]
        }
    }

    private static func fits(_ identifiers: Set<Identifier>, rules: IdentityRules) -> Bool {
        var counts: [String: Int] = [:]
        for identifier in identifiers { counts[identifier.type, default: 0] += 1 }
        return counts.allSatisfy { type, count in rules.rule(for: type).maxPerProfile.map { count <= $0 } ?? true }
    }
}
