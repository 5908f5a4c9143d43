import Foundation
import Testing

/// Tests/AtelierAlgorithmsTests/Fixtures/lifetime_cdnow.json, written by
/// scripts/reference/lifetime_reference.py from lifetimes 0.11.3 on CDNOW_sample.
struct LifetimeFixture: Decodable {
    struct Summary: Decodable {
        let customers: Int
        let repeatCustomers: Int
        let sumFrequency: Double
        let sumRecency: Double
        let sumT: Double
        let sumMonetaryValue: Double
        let maxFrequency: Int
    }

    struct PurchaseParameters: Decodable {
        let r: Double
        let alpha: Double
        let a: Double
        let b: Double
    }

    struct SpendParameters: Decodable {
        let p: Double
        let q: Double
        let v: Double
    }

    struct PurchaseFit: Decodable {
        let published: PurchaseParameters
        let lifetimes: PurchaseParameters
        let lifetimesPenalizer01: PurchaseParameters
        let meanNegativeLogLikelihoodAtLifetimes: Double
        let meanNegativeLogLikelihoodAtPublished: Double
        let fitSeconds: Double
    }

    struct TinyHistory: Decodable {
        let frequency: Int
        let recency: Double
        let T: Double
    }

    struct TinyLikelihood: Decodable {
        let parameters: PurchaseParameters
        let histories: [TinyHistory]
        let meanNegativeLogLikelihood: Double
    }

    struct SpendFit: Decodable {
        let published: SpendParameters
        let lifetimes: SpendParameters
        let meanNegativeLogLikelihoodAtPublished: Double
        let fitSeconds: Double
    }

    struct LifetimeValue: Decodable {
        let months: Int
        let monthlyDiscountRate: Double
        let weeksPerMonth: Double
    }

    struct Customer: Decodable {
        let customerId: String
        let frequency: Int
        let recency: Double
        let T: Double
        let monetaryValue: Double
        let expectedPurchases39Weeks: Double
        let expectedPurchases52Weeks: Double
        let probabilityAlive: Double
        let expectedAverageSpend: Double?
        let lifetimeValue12Months: Double?
    }

    struct SyntheticHistory: Decodable {
        let frequency: Int
        let recency: Double
        let T: Double
        let expectedPurchases39Weeks: Double
        let expectedPurchases52Weeks: Double
        let probabilityAlive: Double
    }

    let summary: Summary
    let bgnbd: PurchaseFit
    let bgnbdTiny: TinyLikelihood
    let gammaGamma: SpendFit
    let lifetimeValue: LifetimeValue
    let customers: [Customer]
    let syntheticHistories: [SyntheticHistory]

    static func load() throws -> LifetimeFixture {
        let url = try #require(Bundle.module.url(forResource: "lifetime_cdnow", withExtension: "json", subdirectory: "Fixtures"))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(LifetimeFixture.self, from: Data(contentsOf: url))
    }
}
