import AtelierAlgorithms

/// Parameters of a segmentation training, stored with each version.
///
/// k-means runs for every k in `minClusters...maxClusters` (each with `restarts` k-means++
/// starts from `seed`) and k is chosen by `criterion`. Large tenants are fitted on an evenly
/// spaced sample of `fitSampleSize` customers (profile ids are random, so this is a uniform
/// sample, and the same customers every time); every customer is then assigned to its nearest
/// centroid.
public struct SegmentationParameters: Sendable, Equatable, Codable {
    public enum Criterion: String, Sendable, Equatable, Codable, CaseIterable {
        /// The highest mean silhouette, over a seeded sample of `silhouetteSampleSize` customers.
        case silhouette
        /// The elbow (Kneedle) of the inertia curve; needs at least three candidates.
        case elbow
    }

    public var minClusters: Int
    public var maxClusters: Int
    public var criterion: Criterion
    public var silhouetteSampleSize: Int
    public var restarts: Int
    public var maxIterations: Int
    public var seed: UInt32
    public var fitSampleSize: Int
    /// How many of the tenant's top-level categories (most bought first) become category-mix
    /// features (the share of a customer's items in each).
    public var categories: Int

    public init(
        minClusters: Int = 2, maxClusters: Int = 8, criterion: Criterion = .silhouette, silhouetteSampleSize: Int = 10_000,
        restarts: Int = 10, maxIterations: Int = 300, seed: UInt32 = 0, fitSampleSize: Int = 100_000, categories: Int = 4
    ) {
        self.minClusters = minClusters
        self.maxClusters = maxClusters
        self.criterion = criterion
        self.silhouetteSampleSize = silhouetteSampleSize
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.seed = seed
        self.fitSampleSize = fitSampleSize
        self.categories = categories
    }

    /// Members left out take their defaults, so stored settings survive new parameters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SegmentationParameters()
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        minClusters = try value(.minClusters, defaults.minClusters)
        maxClusters = try value(.maxClusters, defaults.maxClusters)
        criterion = try value(.criterion, defaults.criterion)
        silhouetteSampleSize = try value(.silhouetteSampleSize, defaults.silhouetteSampleSize)
        restarts = try value(.restarts, defaults.restarts)
        maxIterations = try value(.maxIterations, defaults.maxIterations)
        seed = try value(.seed, defaults.seed)
        fitSampleSize = try value(.fitSampleSize, defaults.fitSampleSize)
        categories = try value(.categories, defaults.categories)
    }

    /// The most clusters a training may try: beyond this, clusters stop being readable segments.
    public static let clusterLimit = 20

    public func validate() throws(DomainError) {
        guard (2...Self.clusterLimit).contains(minClusters) else {
            throw .invalid(field: "/minClusters", reason: "must be from 2 to \(Self.clusterLimit)", hint: nil)
        }
        guard (minClusters...Self.clusterLimit).contains(maxClusters) else {
            throw .invalid(
                field: "/maxClusters", reason: "must be from minClusters (\(minClusters)) to \(Self.clusterLimit)", hint: nil)
        }
        if criterion == .elbow, maxClusters - minClusters < 2 {
            throw .invalid(
                field: "/maxClusters", reason: "the elbow rule needs at least three candidates",
                hint: "e.g. minClusters 2, maxClusters 8")
        }
        guard (100...50_000).contains(silhouetteSampleSize) else {
            throw .invalid(field: "/silhouetteSampleSize", reason: "must be from 100 to 50000", hint: "the silhouette is quadratic in it")
        }
        guard (1...50).contains(restarts) else { throw .invalid(field: "/restarts", reason: "must be from 1 to 50", hint: nil) }
        guard (1...1000).contains(maxIterations) else {
            throw .invalid(field: "/maxIterations", reason: "must be from 1 to 1000", hint: nil)
        }
        guard (1000...5_000_000).contains(fitSampleSize) else {
            throw .invalid(field: "/fitSampleSize", reason: "must be from 1000 to 5000000", hint: nil)
        }
        guard (0...10).contains(categories) else {
            throw .invalid(field: "/categories", reason: "must be from 0 to 10", hint: "top-level categories whose share is a feature")
        }
    }

    /// The k-means search these parameters describe.
    var selection: ClusterCountSelection {
        ClusterCountSelection(
            candidates: minClusters...maxClusters,
            criterion: criterion == .silhouette ? .silhouette(sampleSize: silhouetteSampleSize) : .elbow,
            restarts: restarts, maximumIterations: maxIterations, seed: seed)
    }
}
