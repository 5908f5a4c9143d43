/// Maps the frequent items of a data set to dense integer ids and encodes the baskets with them,
/// so that mining works on small integers and arrays instead of hashing caller-chosen values.
///
/// Ids follow descending support (ties broken by item order): the most frequent items sit near
/// the FP-tree's root, where baskets share them, which keeps the tree small. Each item occurrence
/// is hashed once, while encoding; everything after works on integers.
struct ItemVocabulary<Item: Hashable & Comparable> {
    /// The item for each id.
    let items: [Item]
    /// The frequent items in ascending order: the order in which results are reported.
    let itemsInOrder: [Item]
    /// For each id, its item's position in `itemsInOrder`.
    let rankOfId: [Int32]

    /// Encodes `transactions` keeping the items found in at least `minCount` baskets. An item
    /// repeated within one basket counts once, as in a one-hot basket matrix. Each encoded basket
    /// holds ascending ids without repeats.
    static func encoding(_ transactions: [[Item]], minCount: Int) -> (vocabulary: Self, baskets: [[Int32]]) {
        var firstSeen: [Item] = []
        var indexOfItem: [Item: Int] = [:]
        let byFirstSeen: [[Int]] = transactions.map { basket in
            var indices = basket.map { item in
                if let index = indexOfItem[item] { return index }
                indexOfItem[item] = firstSeen.count
                firstSeen.append(item)
                return firstSeen.count - 1
            }
            indices.sort()
            var distinct: [Int] = []
            for index in indices where distinct.last != index {
                distinct.append(index)
            }
            return distinct
        }
        var counts = [Int](repeating: 0, count: firstSeen.count)
        for basket in byFirstSeen {
            for index in basket { counts[index] += 1 }
        }
        let frequent = counts.indices.filter { counts[$0] >= minCount }.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : firstSeen[$0] < firstSeen[$1]
        }
        var idOfIndex = [Int32](repeating: -1, count: firstSeen.count)
        for (id, index) in frequent.enumerated() {
            idOfIndex[index] = Int32(id)
        }
        let baskets = byFirstSeen.map { basket in basket.compactMap { idOfIndex[$0] >= 0 ? idOfIndex[$0] : nil }.sorted() }
        let items = frequent.map { firstSeen[$0] }
        let ascending = items.indices.sorted { items[$0] < items[$1] }
        var rankOfId = [Int32](repeating: 0, count: items.count)
        for (rank, id) in ascending.enumerated() {
            rankOfId[id] = Int32(rank)
        }
        let vocabulary = ItemVocabulary(items: items, itemsInOrder: ascending.map { items[$0] }, rankOfId: rankOfId)
        return (vocabulary, baskets)
    }
}
