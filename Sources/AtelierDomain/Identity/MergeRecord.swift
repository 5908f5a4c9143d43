import Foundation

/// One merge, as recorded: which profile survived, which was absorbed (with the profiles
/// that followed it), and the event and identifier that linked them.
public struct MergeRecord: Sendable, Equatable {
    public var id: UUID
    public var survivorID: UUID
    public var absorbedID: UUID
    public var absorbedProfileIDs: [UUID]
    public var reason: String
    public var identifier: Identifier
    public var messageID: String?
    public var createdAt: Date
    public var undoneAt: Date?
}
