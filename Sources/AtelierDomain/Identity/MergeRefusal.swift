import Foundation

/// A link identity resolution declined, and why, so a support agent can see why two
/// profiles of the same person were kept apart.
public struct MergeRefusal: Sendable, Equatable {
    public var profileID: UUID
    public var rule: MergeRefusalRule
    public var identifier: Identifier
    public var otherProfileID: UUID?
    public var reason: String
    public var messageID: String?
    public var createdAt: Date
}
