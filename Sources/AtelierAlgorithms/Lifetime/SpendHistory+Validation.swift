extension SpendHistory {
    /// Checks that `histories` can be fed to Gamma-Gamma, naming the first customer at fault.
    ///
    /// Why refuse rather than filter: a customer without repeat purchases or with a
    /// non-positive mean spend has no Gamma-Gamma likelihood at all; dropping them quietly
    /// would change the population the model describes without the caller knowing.
    static func validate(_ histories: [SpendHistory]) throws(LifetimeModelError) {
        guard !histories.isEmpty else { throw .emptyData }
        for (index, history) in histories.enumerated() {
            guard history.frequency > 0 else { throw .noRepeatPurchase(index: index) }
            guard history.monetaryValue.isFinite else { throw .nonFinite(.monetaryValue, index: index) }
            guard history.monetaryValue > 0 else { throw .nonPositiveSpend(index: index) }
        }
    }
}
