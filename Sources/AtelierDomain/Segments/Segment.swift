import Foundation

/// A saved segment: its definition and the outcome of its last membership refresh.
public struct Segment: Sendable, Equatable {
    public var id: UUID
    public var tenantID: UUID
    public var definition: SegmentDefinition
    /// Bumped when the rule or the purpose changes.
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date
    /// The last refresh: when its rule was evaluated, for which version, and how many members
    /// it found (nil until the first refresh).
    public var refreshedAt: Date?
    public var refreshedVersion: Int?
    public var memberCount: Int?
}

/// What a client defines: a name, the rule, the purpose every read of it declares, and how
/// often its memberships are refreshed.
public struct SegmentDefinition: Sendable, Equatable {
    public var name: String
    public var description: String
    public var purpose: ReadPurpose
    public var rule: SegmentRule
    public var refreshInterval: Int

    /// Refreshes at most every minute, at least every week; hourly by default.
    public static let refreshIntervals = 60...604_800
    public static let defaultRefreshInterval = 3600

    public init(
        name: String, description: String = "", purpose: ReadPurpose = .analytics, rule: SegmentRule,
        refreshInterval: Int = SegmentDefinition.defaultRefreshInterval
    ) throws(DomainError) {
        let name = name.trimmingWhitespace
        guard (1...200).contains(name.count) else {
            throw .invalid(field: "/name", reason: "must be 1 to 200 characters", hint: nil)
        }
        guard description.count <= 2000 else {
            throw .invalid(field: "/description", reason: "must be at most 2000 characters", hint: nil)
        }
        guard Self.refreshIntervals.contains(refreshInterval) else {
            throw .invalid(
                field: "/refreshIntervalSeconds", reason: "must be from 60 (a minute) to 604800 (a week)", hint: nil)
        }
        self.name = name
        self.description = description
        self.purpose = purpose
        self.rule = rule
        self.refreshInterval = refreshInterval
    }
}
