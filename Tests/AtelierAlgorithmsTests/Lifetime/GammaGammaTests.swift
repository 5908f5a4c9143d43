import AtelierAlgorithms
import Foundation
import Testing

@Suite struct GammaGammaTests {
    private func repeatSpend() throws -> [SpendHistory] {
        try CDNOWTransactions.sample.get().weeklySummary()
            .filter { $0.history.frequency > 0 }
            .map { SpendHistory(frequency: $0.history.frequency, monetaryValue: $0.monetaryValue) }
    }

    /// By hand for one purchase (x = 1) at p = q = v = 1: the mean spend m has density
    /// q·v^q / (m + v)^(q+1) = 1 / (m + 1)², so m = 1 gives log(1/4).
    @Test func logLikelihoodMatchesHandComputedValue() throws {
        let value = try GammaGammaModel(p: 1, q: 1, v: 1).logLikelihood(of: [SpendHistory(frequency: 1, monetaryValue: 1)])
        #expect(abs(value - log(0.25)) < 1e-14)
    }

    @Test func logLikelihoodMatchesLifetimesOnCDNOW() throws {
        let fixture = try LifetimeFixture.load()
        let customers = try repeatSpend()
        let published = fixture.gammaGamma.published
        let value = try GammaGammaModel(p: published.p, q: published.q, v: published.v).logLikelihood(of: customers)
        #expect(relativeError(-value / Double(customers.count), fixture.gammaGamma.meanNegativeLogLikelihoodAtPublished) < 1e-12)
    }

    @Test func fitsCDNOWWithinOnePercentOfPublishedAndLifetimes() throws {
        let fixture = try LifetimeFixture.load()
        let model = try GammaGamma().fit(try repeatSpend())
        for reference in [fixture.gammaGamma.published, fixture.gammaGamma.lifetimes] {
            #expect(relativeError(model.p, reference.p) < 0.01)
            #expect(relativeError(model.q, reference.q) < 0.01)
            #expect(relativeError(model.v, reference.v) < 0.01)
        }
        let lifetimes = fixture.gammaGamma.lifetimes
        let largest = [
            relativeError(model.p, lifetimes.p), relativeError(model.q, lifetimes.q), relativeError(model.v, lifetimes.v),
        ].max() ?? .infinity
        #expect(largest < 1e-4)
    }

    @Test func fitIsDeterministicAndIndependentOfCustomerOrder() throws {
        let customers = try repeatSpend()
        let first = try GammaGamma().fit(customers)
        #expect(try GammaGamma().fit(customers) == first)
        #expect(try GammaGamma().fit(customers.reversed()) == first)
    }

    @Test func spendAndLifetimeValueMatchLifetimesAtItsParameters() throws {
        let fixture = try LifetimeFixture.load()
        let purchases = fixture.bgnbd.lifetimes
        let spend = fixture.gammaGamma.lifetimes
        let value = CustomerLifetimeValue(
            purchases: BetaGeometricNBDModel(r: purchases.r, alpha: purchases.alpha, a: purchases.a, b: purchases.b),
            spend: GammaGammaModel(p: spend.p, q: spend.q, v: spend.v),
            months: fixture.lifetimeValue.months,
            monthlyDiscountRate: fixture.lifetimeValue.monthlyDiscountRate,
            periodsPerMonth: fixture.lifetimeValue.weeksPerMonth)
        let repeaters = fixture.customers.filter { $0.frequency > 0 }
        #expect(!repeaters.isEmpty)
        for customer in repeaters {
            let history = PurchaseHistory(frequency: customer.frequency, recency: customer.recency, age: customer.T)
            let expectedSpend = try #require(customer.expectedAverageSpend)
            let expectedValue = try #require(customer.lifetimeValue12Months)
            let averageSpend = value.spend.expectedAverageSpend(
                frequency: customer.frequency, monetaryValue: customer.monetaryValue)
            #expect(relativeError(averageSpend, expectedSpend) < 1e-12)
            #expect(relativeError(value.value(given: history, monetaryValue: customer.monetaryValue), expectedValue) < 1e-9)
        }
    }

    @Test func refusesCustomersWithoutRepeatSpend() {
        #expect(throws: LifetimeModelError.emptyData) { try GammaGamma().fit([]) }
        #expect(throws: LifetimeModelError.noRepeatPurchase(index: 1)) {
            try GammaGamma().fit([SpendHistory(frequency: 1, monetaryValue: 5), SpendHistory(frequency: 0, monetaryValue: 0)])
        }
        #expect(throws: LifetimeModelError.nonPositiveSpend(index: 0)) {
            try GammaGamma().fit([SpendHistory(frequency: 2, monetaryValue: -3)])
        }
        #expect(throws: LifetimeModelError.nonFinite(.monetaryValue, index: 0)) {
            try GammaGamma().fit([SpendHistory(frequency: 2, monetaryValue: .nan)])
        }
    }
}
