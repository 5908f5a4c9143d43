/// The elbow of a decreasing inertia curve, Kneedle's way (Satopää et al., 2011): scale k
/// and inertia to [0, 1] and measure how far each point lies below the chord from the first
/// point to the last. The elbow is the farthest; ties go to the smaller k.
enum ElbowRule {
    /// One distance per point, in the order given; `clusterCounts` ascending, at least two.
    static func distances(clusterCounts: [Int], inertias: [Double]) -> [Double] {
        guard let firstCount = clusterCounts.first, let lastCount = clusterCounts.last, lastCount > firstCount,
              let low = inertias.min(), let high = inertias.max(), high > low
        else { return inertias.map { _ in 0 } }
        let scaled = inertias.map { ($0 - low) / (high - low) }
        let start = scaled[0]
        let end = scaled[scaled.count - 1]
        return zip(clusterCounts, scaled).map { count, value in
            let position = Double(count - firstCount) / Double(lastCount - firstCount)
            return start + (end - start) * position - value
        }
    }
}
