import Foundation
import Testing

/// Tests/AtelierAlgorithmsTests/Fixtures/logistic_cdnow.json, written by
/// scripts/reference/logistic_reference.py from scikit-learn on CDNOW_master.
struct LogisticFixture: Decodable {
    struct DataChecks: Decodable {
        let customers: Int
        let positives: Int
        let featureSums: [Double]
    }

    struct Scaler: Decodable {
        let mean: [Double]
        let scale: [Double]
    }

    struct Model: Decodable {
        let classWeight: String
        let coefficients: [Double]
        let intercept: Double
        let iterations: Int
        let rocAuc: Double
        let logLoss: Double
        let firstProbabilities: [Double]
        let fitSeconds: Double
    }

    let data: DataChecks
    let scaler: Scaler
    let models: [Model]

    static func load() throws -> LogisticFixture {
        let url = try #require(Bundle.module.url(forResource: "logistic_cdnow", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(LogisticFixture.self, from: Data(contentsOf: url))
    }
}
