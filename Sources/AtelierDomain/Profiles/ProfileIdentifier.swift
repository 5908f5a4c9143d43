import Foundation

/// An identifier in a profile view, with the original profile that carries it (which
/// side it goes back to if a merge is undone).
public struct ProfileIdentifier: Sendable, Equatable {
    public var identifier: Identifier
    public var profileID: UUID
    public var firstSeenAt: Date
}
