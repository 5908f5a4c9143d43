extension PurchaseHistory {
    /// Checks that `histories` can be fed to BG/NBD, naming the first customer at fault.
    ///
    /// Why so strict: a history that breaks these rules gives a likelihood that is either
    /// undefined or silently wrong (a recency beyond the age reads as a purchase after the end
    /// of observation), and a fitted model would hide the data problem behind plausible numbers.
    static func validate(_ histories: [PurchaseHistory]) throws(LifetimeModelError) {
        guard !histories.isEmpty else { throw .emptyData }
        for (index, history) in histories.enumerated() {
            guard history.recency.isFinite else { throw .nonFinite(.recency, index: index) }
            guard history.age.isFinite else { throw .nonFinite(.age, index: index) }
            guard history.frequency >= 0 else { throw .negative(.frequency, index: index) }
            guard history.recency >= 0 else { throw .negative(.recency, index: index) }
            guard history.recency <= history.age else { throw .recencyExceedsAge(index: index) }
            if history.frequency == 0, history.recency > 0 {
                throw .recencyWithoutRepeatPurchase(index: index)
            }
            if history.frequency > 0, history.recency == 0 {
                throw .repeatPurchaseWithoutRecency(index: index)
            }
        }
    }
}
