/// Why a clustering estimator, the silhouette or a cluster description refused its input.
/// Positions point at the offending row (and column), so a caller can report the profile at
/// fault.
public enum ClusteringError: Error, Equatable, Sendable {
    case emptyData
    /// Rows of the feature matrix must all have the same number of columns, at least one.
    case raggedRow(row: Int, expectedColumns: Int, actualColumns: Int)
    /// A model fitted on n features was given rows (or centroids, names, a scaler) of another width.
    case featureCountMismatch(expected: Int, actual: Int)
    case nonFiniteFeature(row: Int, column: Int)
    /// k-means cannot make more clusters than there are rows.
    case fewerRowsThanClusters(rows: Int, clusters: Int)
    /// `labels` must hold one label per feature row.
    case labelCountMismatch(rows: Int, labels: Int)
    /// The silhouette is defined for 2 … rows − 1 distinct labels.
    case silhouetteUndefined(distinctLabels: Int, rows: Int)
    /// No candidate cluster count could be scored (every fit collapsed to a single cluster).
    case noScorableClusterCount
    case invalidParameter(String)
}

extension ClusteringError {
    /// `FeatureRows` (shared with classification) reports shape faults as `ClassificationError`;
    /// clustering callers get the same facts in clustering's vocabulary.
    init(featureRowsFault fault: ClassificationError) {
        switch fault {
        case .emptyData: self = .emptyData
        case let .raggedRow(row, expectedColumns, actualColumns):
            self = .raggedRow(row: row, expectedColumns: expectedColumns, actualColumns: actualColumns)
        case let .featureCountMismatch(expected, actual): self = .featureCountMismatch(expected: expected, actual: actual)
        case let .nonFiniteFeature(row, column): self = .nonFiniteFeature(row: row, column: column)
        case .labelCountMismatch, .singleClass, .invalidHyperparameter, .didNotConverge:
            // FeatureRows validates shapes and values only; kept total rather than trapping.
            self = .invalidParameter("unexpected feature validation fault: \(fault)")
        }
    }
}
