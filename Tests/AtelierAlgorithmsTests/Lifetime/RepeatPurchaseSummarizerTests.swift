import AtelierAlgorithms
import Testing

@Suite struct RepeatPurchaseSummarizerTests {
    private func transaction(_ id: String, _ day: Int, _ amount: Double) -> CustomerTransaction<String> {
        CustomerTransaction(customerID: id, day: day, amount: amount)
    }

    @Test func countsPurchaseDaysAndAveragesRepeatSpendAsLifetimes() throws {
        let summary = try RepeatPurchaseSummarizer(observationEndDay: 28, daysPerPeriod: 7).summarize([
            transaction("b", 14, 5),
            transaction("a", 0, 100),  // first purchase: not in the monetary value
            transaction("a", 7, 10),
            transaction("a", 7, 20),   // same day: one occasion of 30
            transaction("a", 21, 60),
            transaction("a", 35, 999), // after the observation end: ignored
            transaction("c", 30, 1),   // only after the end: no summary at all
        ])
        #expect(summary == [
            CustomerRFM(customerID: "b", history: PurchaseHistory(frequency: 0, recency: 0, age: 2), monetaryValue: 0),
            CustomerRFM(customerID: "a", history: PurchaseHistory(frequency: 2, recency: 3, age: 4), monetaryValue: 45),
        ])
    }

    @Test func refusesNonFiniteAmountsAndBadPeriods() {
        #expect(throws: LifetimeModelError.nonFinite(.amount, index: 1)) {
            try RepeatPurchaseSummarizer(observationEndDay: 10).summarize([
                transaction("a", 0, 1), transaction("a", 1, .nan),
            ])
        }
        #expect(throws: LifetimeModelError.invalidHyperparameter("daysPerPeriod must be positive")) {
            try RepeatPurchaseSummarizer(observationEndDay: 10, daysPerPeriod: 0).summarize([transaction("a", 0, 1)])
        }
    }

    @Test func matchesLifetimesSummaryOfCDNOWSample() throws {
        let fixture = try LifetimeFixture.load()
        let summary = try CDNOWTransactions.sample.get().weeklySummary()
        #expect(summary.count == fixture.summary.customers)
        #expect(summary.count { $0.history.frequency > 0 } == fixture.summary.repeatCustomers)
        #expect(Double(summary.reduce(0) { $0 + $1.history.frequency }) == fixture.summary.sumFrequency)
        #expect(summary.map(\.history.frequency).max() == fixture.summary.maxFrequency)
        #expect(relativeError(summary.reduce(0) { $0 + $1.history.recency }, fixture.summary.sumRecency) < 1e-12)
        #expect(relativeError(summary.reduce(0) { $0 + $1.history.age }, fixture.summary.sumT) < 1e-12)
        #expect(relativeError(summary.reduce(0) { $0 + $1.monetaryValue }, fixture.summary.sumMonetaryValue) < 1e-12)
        let byID = Dictionary(uniqueKeysWithValues: summary.map { ($0.customerID, $0) })
        for expected in fixture.customers {
            let actual = try #require(byID[expected.customerId])
            #expect(actual.history.frequency == expected.frequency)
            #expect(abs(actual.history.recency - expected.recency) < 1e-12)
            #expect(abs(actual.history.age - expected.T) < 1e-12)
            #expect(abs(actual.monetaryValue - expected.monetaryValue) < 1e-9)
        }
    }
}
