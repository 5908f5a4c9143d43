/// Turns transactions into one RFM summary per customer, exactly as lifetimes'
/// `summary_data_from_transaction_data(freq="D", freq_multiplier=daysPerPeriod)` does, so that
/// models fitted here and there see the same numbers.
///
/// The rules, all from lifetimes:
/// - transactions after `observationEndDay` are ignored, and so is a customer with none before;
/// - purchases on the same day are one purchase occasion whose amount is their sum;
/// - frequency = occasions − 1; recency = last − first occasion; age = observation end − first
///   occasion; times divided by `daysPerPeriod` (7 for weeks);
/// - monetary value = mean amount of the occasions after the first, 0 without any.
///
/// Customers come out in the order of their first appearance in the input, so the output is
/// deterministic for a given input.
public struct RepeatPurchaseSummarizer: Sendable, Codable, Equatable {
    /// Last day of the calibration period (inclusive), on the transactions' day scale.
    public var observationEndDay: Int
    /// Days per model period: 1 for days, 7 for weeks (as the published CDNOW fit).
    public var daysPerPeriod: Int

    public init(observationEndDay: Int, daysPerPeriod: Int = 1) {
        self.observationEndDay = observationEndDay
        self.daysPerPeriod = daysPerPeriod
    }

    public func summarize<CustomerID>(
        _ transactions: [CustomerTransaction<CustomerID>]
    ) throws(LifetimeModelError) -> [CustomerRFM<CustomerID>] {
        guard daysPerPeriod > 0 else { throw .invalidHyperparameter("daysPerPeriod must be positive") }
        var customerIDs: [CustomerID] = []
        var customerIndex: [CustomerID: Int] = [:]
        var kept: [(customer: Int, day: Int, position: Int)] = []
        for (position, transaction) in transactions.enumerated() {
            guard transaction.amount.isFinite else { throw .nonFinite(.amount, index: position) }
            guard transaction.day <= observationEndDay else { continue }
            let customer: Int
            if let known = customerIndex[transaction.customerID] {
                customer = known
            } else {
                customer = customerIDs.count
                customerIndex[transaction.customerID] = customer
                customerIDs.append(transaction.customerID)
            }
            kept.append((customer, transaction.day, position))
        }
        // The input position breaks ties so that same-day amounts are always added in input order.
        kept.sort { ($0.customer, $0.day, $0.position) < ($1.customer, $1.day, $1.position) }

        var summaries: [CustomerRFM<CustomerID>] = []
        summaries.reserveCapacity(customerIDs.count)
        var start = kept.startIndex
        while start < kept.endIndex {
            let customer = kept[start].customer
            var end = start
            while end < kept.endIndex, kept[end].customer == customer { end += 1 }
            summaries.append(summary(of: kept[start..<end], for: customerIDs[customer], in: transactions))
            start = end
        }
        return summaries
    }

    /// Summarises one customer's transactions, already sorted by day.
    private func summary<CustomerID>(
        of rows: ArraySlice<(customer: Int, day: Int, position: Int)>,
        for customerID: CustomerID,
        in transactions: [CustomerTransaction<CustomerID>]
    ) -> CustomerRFM<CustomerID> {
        let firstDay = rows[rows.startIndex].day
        var lastDay = firstDay
        var occasions = 0
        var repeatSpend = 0.0
        var occasionSpend = 0.0
        for row in rows {
            if row.day != lastDay || occasions == 0 {
                if occasions > 1 { repeatSpend += occasionSpend }
                occasions += 1
                occasionSpend = 0
                lastDay = row.day
            }
            occasionSpend += transactions[row.position].amount
        }
        if occasions > 1 { repeatSpend += occasionSpend }
        let frequency = occasions - 1
        let period = Double(daysPerPeriod)
        return CustomerRFM(
            customerID: customerID,
            history: PurchaseHistory(
                frequency: frequency,
                recency: Double(lastDay - firstDay) / period,
                age: Double(observationEndDay - firstDay) / period
            ),
            monetaryValue: frequency > 0 ? repeatSpend / Double(frequency) : 0
        )
    }
}
