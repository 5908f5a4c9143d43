import Foundation

/// The single customer view: everything known about one person across every profile
/// merged into the live one.
public struct ProfileView: Sendable {
    /// The live profile.
    public var id: UUID
    /// The id the caller asked for when it names a profile merged into `id`, else nil.
    public var requestedID: UUID?
    /// Every original profile in the view, the live one included.
    public var profileIDs: [UUID]
    public var createdAt: Date
    public var identifiers: [ProfileIdentifier]
    public var traits: [ProfileTrait]
    public var channels: [ChannelActivity]
    public var experience: ExperienceSummary
    /// Nil when no purchase summary provider is configured.
    public var purchases: PurchaseSummary?

    public var firstSeenAt: Date? { channels.map(\.firstSeenAt).min() }
    public var lastSeenAt: Date? { channels.map(\.lastSeenAt).max() }
}
