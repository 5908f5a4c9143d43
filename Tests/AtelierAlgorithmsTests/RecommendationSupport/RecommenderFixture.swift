import Foundation
import Testing

/// What implicit computed on the supermarket baskets and on a small weighted data set, written by
/// scripts/reference/recommender_reference.py into Fixtures/recommender_supermarket.json.
/// Items are positions in `items` (ascending names), users rows of the dataset (ascending ids).
struct RecommenderFixture: Decodable {
    /// Ranked (item position, score) pairs, stored as two parallel arrays.
    struct ScoredList: Decodable {
        let items: [Int]
        let scores: [Double]

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            items = try container.decode([Int].self)
            scores = try container.decode([Double].self)
        }

        var pairs: [(item: Int, score: Double)] { Array(zip(items, scores)) }
    }

    struct Recommendations: Decodable {
        let users: [Int]
        let filterAlreadyLiked: Bool
        let lists: [ScoredList]
    }

    struct Weighting: Decodable {
        let kind: String
        let k1: Double?
        let b: Double?
    }

    struct KNNCase: Decodable {
        let name: String
        let neighbours: Int
        let weighting: Weighting
        let similarities: [ScoredList]
        let recommendations: [Recommendations]
        let implicitFitSeconds: Double?
    }

    struct SimilarItems: Decodable {
        let item: Int
        let list: ScoredList
    }

    struct FoldIn: Decodable {
        let users: [Int]
        let factors: [[Double]]
    }

    struct ALSCase: Decodable {
        let label: String
        let factors: Int
        let regularization: Double
        let alpha: Double
        let iterations: Int
        let solver: String
        let seed: UInt64
        let itemFactors: [[Double]]
        let userFactorRows: [Int]
        let userFactors: [[Double]]
        let recommendations: Recommendations
        let similarItems: [SimilarItems]
        let foldIn: FoldIn
        let metrics: Metrics?
    }

    struct Metrics: Decodable {
        let precision: Double
        let ndcg: Double
        let map: Double
    }

    struct Weighted: Decodable {
        let items: [String]
        let users: [String]
        let kindWeights: [String: Double]
        let events: [[String]]
        let knn: [KNNCase]
        let als: ALSCase
    }

    struct HoldoutModel: Decodable {
        let name: String
        let metrics: Metrics
    }

    struct Holdout: Decodable {
        let seed: UInt64
        let testFraction: Double
        let trainPairs: Int
        let testPairs: Int
        let trainUsers: Int
        let evaluatedUsers: Int
        let als: [ALSCase]
        let knn: [HoldoutModel]
    }

    let implicitVersion: String
    let users: Int
    let purchases: Int
    let items: [String]
    let knn: [KNNCase]
    let implicitAlsFitSeconds: [String: Double]
    let weighted: Weighted
    let holdout: Holdout

    /// Decoded once per test run: several suites read it.
    static let shared = Result { try load() }

    private static func load() throws -> RecommenderFixture {
        let url = try #require(
            Bundle.module.url(forResource: "recommender_supermarket", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(RecommenderFixture.self, from: Data(contentsOf: url))
    }
}
