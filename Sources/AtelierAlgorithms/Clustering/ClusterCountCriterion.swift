/// How `ClusterCountSelection` picks k among its candidates.
public enum ClusterCountCriterion: Sendable, Hashable, Codable {
    /// The highest mean silhouette: exact when `sampleSize` is nil, otherwise over a seeded
    /// random sample of that many rows (the same rows for every k). Ties go to fewer clusters.
    case silhouette(sampleSize: Int?)
    /// The elbow of the inertia curve (Kneedle): with k and inertia both scaled to [0, 1], the
    /// k lying farthest below the straight line from the first candidate to the last. Ties go
    /// to fewer clusters. Needs at least three candidates.
    case elbow
}
