import Foundation
import Testing

/// Tests/AtelierAlgorithmsTests/Fixtures/kmeans_cdnow.json, written by
/// scripts/reference/kmeans_reference.py from scikit-learn on CDNOW_master.
/// What scikit-learn's fitted KMeans reported, as the fixture records it.
protocol ScikitLearnFit {
    var inertia: Double { get }
    var iterations: Int { get }
    var sizes: [Int] { get }
    var labelsHash: String { get }
    var centroids: [[Double]] { get }
}

struct KMeansFixture: Decodable {
    struct DataChecks: Decodable {
        struct Scaler: Decodable {
            let mean: [Double]
            let scale: [Double]
        }

        let customers: Int
        let featureSums: [Double]
        let scaler: Scaler
    }

    struct ExplicitStartFit: Decodable, ScikitLearnFit {
        let k: Int
        let startRows: [Int]
        let inertia: Double
        let iterations: Int
        let sizes: [Int]
        let labelsHash: String
        let centroids: [[Double]]
        let silhouetteFirstRows: Double
        let silhouetteSampled: Double
    }

    struct PlusPlusFit: Decodable, ScikitLearnFit {
        let k: Int
        let nInit: Int
        let seed: UInt32
        let fitSeconds: Double
        let inertia: Double
        let iterations: Int
        let sizes: [Int]
        let labelsHash: String
        let centroids: [[Double]]
        let silhouetteFirstRows: Double?
        let silhouetteSampled: Double?
        let silhouetteAllRows: Double?
        let silhouetteAllRowsSeconds: Double?
    }

    struct BestInertia: Decodable {
        let seeds: Int
        let nInit: Int
        let byK: [String: Double]
    }

    struct SilhouetteSetting: Decodable {
        let firstRows: Int
        let sampleSize: Int
        let sampleSeed: UInt32
    }

    let data: DataChecks
    let explicitStart: [ExplicitStartFit]
    let kmeansPlusPlus: [PlusPlusFit]
    let bestInertiaOverSeeds: BestInertia
    let silhouette: SilhouetteSetting

    /// The k-means++ configuration the unit tests check (the others are the benchmark's).
    static let testRestarts = 3

    static func load() throws -> KMeansFixture {
        let url = try #require(Bundle.module.url(forResource: "kmeans_cdnow", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(KMeansFixture.self, from: Data(contentsOf: url))
    }
}
