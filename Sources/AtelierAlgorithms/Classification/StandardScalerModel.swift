/// A fitted standard scaler: `(x − mean) / scale` per feature. Codable so that it is stored
/// with the model that expects scaled features, and applied identically at scoring time.
public struct StandardScalerModel: Sendable, Hashable, Codable {
    public var mean: [Double]
    public var scale: [Double]

    public init(mean: [Double], scale: [Double]) {
        self.mean = mean
        self.scale = scale
    }

    public func transform(_ rows: [[Double]]) throws(ClassificationError) -> [[Double]] {
        try FeatureRows.validate(rows, expectedColumns: mean.count)
        return rows.map(transformValidated)
    }

    public func transform(_ row: [Double]) throws(ClassificationError) -> [Double] {
        try FeatureRows.validate([row], expectedColumns: mean.count)
        return transformValidated(row)
    }

    private func transformValidated(_ row: [Double]) -> [Double] {
        zip(row, zip(mean, scale)).map { value, statistics in (value - statistics.0) / statistics.1 }
    }
}
