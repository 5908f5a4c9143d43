import AtelierAlgorithms
import Foundation
import Testing

@Suite struct BetaGeometricNBDTests {
    private let unit = BetaGeometricNBDModel(r: 1, alpha: 1, a: 1, b: 1)

    /// By hand at r = α = a = b = 1: x = 0, T = 1 gives (α/(α+T))^r = 1/2; x = 1, t_x = 1, T = 2
    /// gives B(1,2)/B(1,1)·1/3² + B(2,1)/B(1,1)·1/2² = 1/18 + 1/8 = 13/72.
    @Test func logLikelihoodMatchesHandComputedValues() throws {
        let newcomer = try unit.logLikelihood(of: [PurchaseHistory(frequency: 0, recency: 0, age: 1)])
        #expect(abs(newcomer - log(0.5)) < 1e-14)
        let repeater = try unit.logLikelihood(of: [PurchaseHistory(frequency: 1, recency: 1, age: 2)])
        #expect(abs(repeater - log(13.0 / 72)) < 1e-14)
    }

    @Test func logLikelihoodMatchesLifetimesOnTinyAndRealData() throws {
        let fixture = try LifetimeFixture.load()
        let tiny = fixture.bgnbdTiny
        let tinyModel = BetaGeometricNBDModel(
            r: tiny.parameters.r, alpha: tiny.parameters.alpha, a: tiny.parameters.a, b: tiny.parameters.b)
        let histories = tiny.histories.map { PurchaseHistory(frequency: $0.frequency, recency: $0.recency, age: $0.T) }
        let tinyValue = try tinyModel.logLikelihood(of: histories) / Double(histories.count)
        #expect(relativeError(-tinyValue, tiny.meanNegativeLogLikelihood) < 1e-13)

        let summary = try CDNOWTransactions.sample.get().weeklySummary().map(\.history)
        let published = fixture.bgnbd.published
        let model = BetaGeometricNBDModel(r: published.r, alpha: published.alpha, a: published.a, b: published.b)
        let value = try model.logLikelihood(of: summary) / Double(summary.count)
        #expect(relativeError(-value, fixture.bgnbd.meanNegativeLogLikelihoodAtPublished) < 1e-12)
    }

    /// Includes buyers with 200 and 2,000 repeat purchases, where the untransformed
    /// hypergeometric series overflows.
    @Test func predictionsMatchLifetimesAtItsParameters() throws {
        let fixture = try LifetimeFixture.load()
        let fitted = fixture.bgnbd.lifetimes
        let model = BetaGeometricNBDModel(r: fitted.r, alpha: fitted.alpha, a: fitted.a, b: fitted.b)
        let cases = fixture.customers.map {
            (PurchaseHistory(frequency: $0.frequency, recency: $0.recency, age: $0.T),
             $0.expectedPurchases39Weeks, $0.expectedPurchases52Weeks, $0.probabilityAlive)
        } + fixture.syntheticHistories.map {
            (PurchaseHistory(frequency: $0.frequency, recency: $0.recency, age: $0.T),
             $0.expectedPurchases39Weeks, $0.expectedPurchases52Weeks, $0.probabilityAlive)
        }
        for (history, in39, in52, alive) in cases {
            #expect(relativeError(model.expectedPurchases(inNext: 39, given: history), in39) < 1e-10, "\(history)")
            #expect(relativeError(model.expectedPurchases(inNext: 52, given: history), in52) < 1e-10, "\(history)")
            #expect(relativeError(model.probabilityAlive(given: history), alive) < 1e-12, "\(history)")
        }
    }

    @Test func fitsCDNOWWithinOnePercentOfPublishedAndLifetimes() throws {
        let fixture = try LifetimeFixture.load()
        let histories = try CDNOWTransactions.sample.get().weeklySummary().map(\.history)
        let model = try BetaGeometricNBD().fit(histories)
        for reference in [fixture.bgnbd.published, fixture.bgnbd.lifetimes] {
            #expect(relativeError(model.r, reference.r) < 0.01)
            #expect(relativeError(model.alpha, reference.alpha) < 0.01)
            #expect(relativeError(model.a, reference.a) < 0.01)
            #expect(relativeError(model.b, reference.b) < 0.01)
        }
        // Both optimisers reach the same optimum far more closely than the 1 % asked.
        let lifetimes = fixture.bgnbd.lifetimes
        let largest = [
            relativeError(model.r, lifetimes.r), relativeError(model.alpha, lifetimes.alpha),
            relativeError(model.a, lifetimes.a), relativeError(model.b, lifetimes.b),
        ].max() ?? .infinity
        #expect(largest < 1e-4)
        let meanNegativeLogLikelihood = -(try model.logLikelihood(of: histories)) / Double(histories.count)
        #expect(meanNegativeLogLikelihood <= fixture.bgnbd.meanNegativeLogLikelihoodAtLifetimes + 1e-12)
    }

    @Test func penalizerMatchesLifetimesPenalizerCoefficient() throws {
        let fixture = try LifetimeFixture.load()
        let histories = try CDNOWTransactions.sample.get().weeklySummary().map(\.history)
        let model = try BetaGeometricNBD(penalizerCoefficient: 0.1).fit(histories)
        let reference = fixture.bgnbd.lifetimesPenalizer01
        #expect(relativeError(model.r, reference.r) < 0.01)
        #expect(relativeError(model.alpha, reference.alpha) < 0.01)
        #expect(relativeError(model.a, reference.a) < 0.01)
        #expect(relativeError(model.b, reference.b) < 0.01)
    }

    @Test func fitIsDeterministicAndIndependentOfCustomerOrder() throws {
        let histories = try CDNOWTransactions.sample.get().weeklySummary().map(\.history)
        let first = try BetaGeometricNBD().fit(histories)
        #expect(try BetaGeometricNBD().fit(histories) == first)
        #expect(try BetaGeometricNBD().fit(histories.reversed()) == first)
    }

    @Test func refusesInconsistentHistories() {
        let fit = { (history: PurchaseHistory) throws(LifetimeModelError) in
            _ = try BetaGeometricNBD().fit([PurchaseHistory(frequency: 0, recency: 0, age: 1), history])
        }
        #expect(throws: LifetimeModelError.emptyData) { try BetaGeometricNBD().fit([]) }
        #expect(throws: LifetimeModelError.nonFinite(.age, index: 1)) {
            try fit(PurchaseHistory(frequency: 1, recency: 1, age: .infinity))
        }
        #expect(throws: LifetimeModelError.negative(.frequency, index: 1)) {
            try fit(PurchaseHistory(frequency: -1, recency: 0, age: 1))
        }
        #expect(throws: LifetimeModelError.recencyExceedsAge(index: 1)) {
            try fit(PurchaseHistory(frequency: 1, recency: 2, age: 1))
        }
        #expect(throws: LifetimeModelError.recencyWithoutRepeatPurchase(index: 1)) {
            try fit(PurchaseHistory(frequency: 0, recency: 0.5, age: 1))
        }
        #expect(throws: LifetimeModelError.repeatPurchaseWithoutRecency(index: 1)) {
            try fit(PurchaseHistory(frequency: 2, recency: 0, age: 1))
        }
        #expect(throws: LifetimeModelError.invalidHyperparameter("penalizerCoefficient must be finite and non-negative")) {
            try BetaGeometricNBD(penalizerCoefficient: -1).fit([PurchaseHistory(frequency: 0, recency: 0, age: 1)])
        }
    }

    @Test func modelRoundTripsThroughJSON() throws {
        let model = BetaGeometricNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
        let decoded = try JSONDecoder().decode(BetaGeometricNBDModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
    }
}
