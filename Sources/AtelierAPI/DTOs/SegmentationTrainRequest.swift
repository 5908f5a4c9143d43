import AtelierDomain
import AtelierREST

/// Body of `POST /v1/models/segmentation/train` (optional); members left out take their defaults.
struct SegmentationTrainRequest: Decodable, StrictDecodable {
    var minClusters: Int?
    var maxClusters: Int?
    var criterion: SegmentationParameters.Criterion?
    var silhouetteSampleSize: Int?
    var restarts: Int?
    var maxIterations: Int?
    var seed: UInt32?
    var fitSampleSize: Int?
    var categories: Int?

    static let allowedFields: Set<String> = [
        "minClusters", "maxClusters", "criterion", "silhouetteSampleSize", "restarts", "maxIterations", "seed",
        "fitSampleSize", "categories",
    ]

    var parameters: SegmentationParameters {
        let defaults = SegmentationParameters()
        return SegmentationParameters(
            minClusters: minClusters ?? defaults.minClusters, maxClusters: maxClusters ?? defaults.maxClusters,
            criterion: criterion ?? defaults.criterion,
            silhouetteSampleSize: silhouetteSampleSize ?? defaults.silhouetteSampleSize,
            restarts: restarts ?? defaults.restarts, maxIterations: maxIterations ?? defaults.maxIterations,
            seed: seed ?? defaults.seed, fitSampleSize: fitSampleSize ?? defaults.fitSampleSize,
            categories: categories ?? defaults.categories)
    }
}
