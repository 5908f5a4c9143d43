extension IdentifierIndex {
    /// A user's history as (position, weight) pairs in ascending position, keys this index does
    /// not know left out (items added to the catalogue after the model was fitted). Sorting makes
    /// the order in which scores are summed, and so their last bit, independent of the
    /// dictionary's hashing.
    func sortedEntries(of history: [Key: Float]) -> [(index: Int32, weight: Float)] {
        history.compactMap { key, weight in index(of: key).map { (Int32($0), weight) } }.sorted { $0.index < $1.index }
    }
}
