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
    /// Read wide, so a value outside 0…4294967295 is refused naming `/seed`.
    var seed: Int64?
    var fitSampleSize: Int?
    var categories: Int?

    static let allowedFields: Set<String> = [
        "minClusters", "maxClusters", "criterion", "silhouetteSampleSize", "restarts", "maxIterations", "seed",
        "fitSampleSize", "categories",
    ]

    func parameters() throws(DomainError) -> SegmentationParameters {
        let defaults = SegmentationParameters()
        if let seed, UInt32(exactly: seed) == nil {
            throw .invalid(field: "/seed", reason: "must be from 0 to 4294967295", hint: nil)
        }
        return SegmentationParameters(
            minClusters: minClusters ?? defaults.minClusters, maxClusters: maxClusters ?? defaults.maxClusters,
            criterion: criterion ?? defaults.criterion,
            silhouetteSampleSize: silhouetteSampleSize ?? defaults.silhouetteSampleSize,
            restarts: restarts ?? defaults.restarts, maxIterations: maxIterations ?? defaults.maxIterations,
            seed: seed.flatMap { UInt32(exactly: $0) } ?? defaults.seed, fitSampleSize: fitSampleSize ?? defaults.fitSampleSize,
            categories: categories ?? defaults.categories)
    }
}
