import Foundation

/// A live profile and every profile merged into it, as identity resolution needs it: who
/// belongs, how old the survivor is, and how many values of each limited type it holds.
struct ProfileSet: Sendable, Equatable {
    var canonical: UUID
    var createdAt: Date
    var members: [UUID]
    var counts: [String: Int]

    /// The deterministic survivor of a merge: the older profile, the smaller id on a tie,
    /// so replaying the same events always keeps the same profile.
    func survives(against other: ProfileSet) -> Bool {
        if createdAt != other.createdAt { return createdAt < other.createdAt }
        return canonical.uuidString < other.canonical.uuidString
    }
}
