import Foundation

/// The identity state of the profiles one batch touches, loaded (and locked) once and then
/// changed in memory event by event, so a batch of a hundred events costs a handful of
/// queries rather than several per event. Pure logic: `IdentityGraphLoader` fills it,
/// `IdentityPlanWriter` stores the `plan` it produces.
struct IdentityGraph: Sendable {
    let rules: IdentityRules
    /// Original owner of each identifier known so far.
    private(set) var owners: [Identifier: UUID]
    /// Canonical (live) profile of each original profile known so far.
    private(set) var canonicalOf: [UUID: UUID]
    /// Loaded or created sets, by canonical id. Only sets the batch may change are here.
    private(set) var sets: [UUID: ProfileSet]
    let blocked: Set<Identifier>
    /// Pairs of profiles an operator separated, stored both ways round.
    let unmergedPairs: Set<[UUID]>
    private(set) var plan = IdentityPlan()
    private var clock: Date

    init(
        rules: IdentityRules, owners: [Identifier: UUID], canonicalOf: [UUID: UUID], sets: [UUID: ProfileSet],
        blocked: Set<Identifier>, unmergedPairs: Set<[UUID]>, now: Date
    ) {
        self.rules = rules
        self.owners = owners
        self.canonicalOf = canonicalOf
        self.sets = sets
        self.blocked = blocked
        self.unmergedPairs = unmergedPairs
        self.clock = now
    }

    /// Whether resolving `identifiers` against the current owners can change anything: an
    /// unknown identifier to add, or known ones spread over several profiles to merge. Only
    /// such events need their profiles locked.
    static func needsChange(
        _ identifiers: [Identifier], owners: [Identifier: UUID], canonicalOf: [UUID: UUID], blocked: Set<Identifier>
    ) -> Bool {
        var canonical: UUID?
        for identifier in identifiers where !blocked.contains(identifier) {
            guard let owner = owners[identifier] else { return true }
            let set = canonicalOf[owner] ?? owner
            if let canonical, canonical != set { return true }
            canonical = set
        }
        return false
    }

    /// Attaches one fact: returns the original profile it belongs to, creating, linking and
    /// merging as the rules allow, and recording every merge and refusal in `plan`.
    mutating func resolve(_ request: ResolutionRequest) -> UUID {
        let ordered = rules.prioritised(Array(Set(request.identifiers)))
        let usable = ordered.filter { !blocked.contains($0) }
        let attached: UUID
        if let anchor = usable.first(where: { owners[$0] != nil }), let owner = owners[anchor] {
            attached = owner
        } else {
            attached = createProfile()
        }
        for identifier in usable {
            link(identifier, to: attached, request: request)
        }
        for identifier in ordered where blocked.contains(identifier) {
            refuse(identifier, rule: .blocked, profile: attached, other: nil, request: request)
        }
        return attached
    }

    private mutating func link(_ identifier: Identifier, to attached: UUID, request: ResolutionRequest) {
        let current = canonicalOf[attached] ?? attached
        guard let owner = owners[identifier] else {
            if fits(adding: [identifier.type: 1], to: current) {
                owners[identifier] = attached
                sets[current]?.counts[identifier.type, default: 0] += 1
                plan.newIdentifiers.append((identifier, attached))
            } else {
                refuse(identifier, rule: .limit, profile: attached, other: nil, request: request)
            }
            return
        }
        let other = canonicalOf[owner] ?? owner
        guard other != current, let otherSet = sets[other] else { return }
        if wereUnmerged(current, other) {
            refuse(identifier, rule: .unmerged, profile: attached, other: other, request: request)
        } else if fits(adding: otherSet.counts, to: current) {
            merge(current, other, through: identifier, request: request)
        } else {
            refuse(identifier, rule: .limit, profile: attached, other: other, request: request)
        }
    }

    private mutating func createProfile() -> UUID {
        let id = UUID()
        clock = clock.addingTimeInterval(0.000_001)
        canonicalOf[id] = id
        sets[id] = ProfileSet(canonical: id, createdAt: clock, members: [id], counts: [:])
        plan.newProfiles.append(IdentityPlan.NewProfile(id: id, createdAt: clock))
        return id
    }

    /// Whether the set `canonical` can take `added` more values per type within the limits.
    private func fits(adding added: [String: Int], to canonical: UUID) -> Bool {
        guard let set = sets[canonical] else { return false }
        for (type, count) in added where count > 0 {
            if let limit = rules.rule(for: type).maxPerProfile, set.counts[type, default: 0] + count > limit {
                return false
            }
        }
        return true
    }

    private func wereUnmerged(_ first: UUID, _ second: UUID) -> Bool {
        guard !unmergedPairs.isEmpty, let left = sets[first], let right = sets[second] else { return false }
        for a in left.members {
            for b in right.members where unmergedPairs.contains([a, b]) {
                return true
            }
        }
        return false
    }

    private mutating func merge(_ first: UUID, _ second: UUID, through identifier: Identifier, request: ResolutionRequest) {
        guard let firstSet = sets[first], let secondSet = sets[second] else { return }
        let (survivor, absorbed) = firstSet.survives(against: secondSet) ? (firstSet, secondSet) : (secondSet, firstSet)
        var merged = survivor
        merged.members += absorbed.members
        merged.counts.merge(absorbed.counts, uniquingKeysWith: +)
        sets[survivor.canonical] = merged
        sets[absorbed.canonical] = nil
        let newIDs = Set(plan.newProfiles.map(\.id))
        for member in absorbed.members {
            canonicalOf[member] = survivor.canonical
            if !newIDs.contains(member) { plan.movedProfiles[member] = survivor.canonical }
        }
        plan.merges.append(
            IdentityPlan.Merge(
                id: UUID(), survivor: survivor.canonical, absorbed: absorbed.canonical,
                absorbedMembers: absorbed.members, identifier: identifier, reason: request.reason,
                messageID: request.messageID))
    }

    private mutating func refuse(
        _ identifier: Identifier, rule: MergeRefusalRule, profile: UUID, other: UUID?, request: ResolutionRequest
    ) {
        plan.refusals.append(
            IdentityPlan.Refusal(
                profileID: profile, rule: rule, identifier: identifier, otherProfileID: other, reason: request.reason,
                messageID: request.messageID))
    }

    /// Final canonical profile of each new profile (it may have been merged in the batch).
    func canonical(of profile: UUID) -> UUID {
        canonicalOf[profile] ?? profile
    }
}
