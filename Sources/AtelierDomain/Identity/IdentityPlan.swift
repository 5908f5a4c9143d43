import Foundation

/// The changes identity resolution decided for one batch, written in a few set-based
/// statements by `IdentityPlanWriter`.
struct IdentityPlan: Sendable {
    struct NewProfile: Sendable {
        var id: UUID
        var createdAt: Date
    }

    struct Merge: Sendable {
        var id: UUID
        var survivor: UUID
        var absorbed: UUID
        var absorbedMembers: [UUID]
        var identifier: Identifier
        var reason: String
        var messageID: String?
    }

    struct Refusal: Sendable {
        var profileID: UUID
        var rule: MergeRefusalRule
        var identifier: Identifier
        var otherProfileID: UUID?
        var reason: String
        var messageID: String?
    }

    var newProfiles: [NewProfile] = []
    /// Existing profiles whose canonical profile changed, with the new one.
    var movedProfiles: [UUID: UUID] = [:]
    var newIdentifiers: [(identifier: Identifier, profileID: UUID)] = []
    var merges: [Merge] = []
    var refusals: [Refusal] = []

    var isEmpty: Bool {
        newProfiles.isEmpty && movedProfiles.isEmpty && newIdentifiers.isEmpty && merges.isEmpty && refusals.isEmpty
    }
}
