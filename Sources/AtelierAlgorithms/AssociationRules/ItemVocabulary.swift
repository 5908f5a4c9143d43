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
    /// holds ascending ids without repeats, stands for one basket, and is left out when no item of
    /// it is frequent (an empty path adds nothing to an FP-tree).
    ///
    /// Baskets are held in flat buffers, never one array each: at a million baskets, per-basket
    /// arrays cost more memory and time than the baskets' contents.
    static func encoding(_ transactions: [[Item]], minCount: Int) -> (vocabulary: Self, baskets: FPTreePaths) {
        var firstSeen: [Item] = []
        var indexOfItem: [Item: Int32] = [:]
        var byFirstSeen: [Int32] = []
        var ends: [Int] = []
        ends.reserveCapacity(transactions.count)
        for basket in transactions {
            let start = byFirstSeen.count
            for item in basket {
                if let index = indexOfItem[item] {
                    byFirstSeen.append(index)
                } else {
                    indexOfItem[item] = Int32(firstSeen.count)
                    byFirstSeen.append(Int32(firstSeen.count))
                    firstSeen.append(item)
                }
            }
            byFirstSeen[start...].sort()
            var kept = start
            for read in start..<byFirstSeen.count where kept == start || byFirstSeen[kept - 1] != byFirstSeen[read] {
                byFirstSeen[kept] = byFirstSeen[read]
                kept += 1
            }
            byFirstSeen.removeSubrange(kept...)
            ends.append(kept)
        }
        var counts = [Int](repeating: 0, count: firstSeen.count)
        for index in byFirstSeen { counts[Int(index)] += 1 }
        let frequent = counts.indices.filter { counts[$0] >= minCount }.sorted {
            counts[$0] != counts[$1] ? counts[$0] > counts[$1] : firstSeen[$0] < firstSeen[$1]
        }
        var idOfIndex = [Int32](repeating: -1, count: firstSeen.count)
        for (id, index) in frequent.enumerated() {
            idOfIndex[index] = Int32(id)
        }
        var baskets = FPTreePaths()
        baskets.reserveCapacity(paths: transactions.count, items: byFirstSeen.count)
        var encoded: [Int32] = []
        var start = 0
        for end in ends {
            encoded.removeAll(keepingCapacity: true)
            for index in byFirstSeen[start..<end] where idOfIndex[Int(index)] >= 0 {
                encoded.append(idOfIndex[Int(index)])
            }
            start = end
            guard !encoded.isEmpty else { continue }
            encoded.sort()
            baskets.append(encoded, count: 1)
        }
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
