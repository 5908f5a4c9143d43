import Foundation

/// The features of every person visible for analytics as of a cutoff, one row per person
/// (ordered by profile id, so fits on a snapshot are deterministic).
public struct FeatureSnapshot: Sendable {
    public var asOf: Date
    public var profileIDs: [UUID]
    public var rows: [[Double]]

    /// The rows whose person passes `keep` (by row index).
    func filtered(_ keep: (Int) -> Bool) -> FeatureSnapshot {
        let indices = rows.indices.filter(keep)
        return FeatureSnapshot(asOf: asOf, profileIDs: indices.map { profileIDs[$0] }, rows: indices.map { rows[$0] })
    }
}
