import Foundation

/// The two live profiles an unmerge leaves: the survivor's set and the restored one.
public struct UnmergeResult: Sendable, Equatable {
    public var merge: MergeRecord
    public var restoredProfileIDs: [UUID]
}
