/// FP-Growth (Han, Pei & Yin, 2000): finds every itemset held by at least `minCount` baskets,
/// with its exact support count, without generating candidates.
///
/// Exact by construction — every count is a sum of basket counts, never an estimate — which is
/// what lets Atelier's itemset counts equal those of mlxtend and arules.
struct FPGrowth {
    /// An itemset as ascending item ids, with the number of baskets holding it.
    struct Itemset {
        let items: [Int32]
        let count: Int
    }

    /// The support count an itemset needs.
    let minCount: Int
    /// The largest itemset wanted; nil for no limit.
    let maxLength: Int?

    /// Mines baskets given as ascending ids below `itemCount`, every id already frequent.
    func mine(_ baskets: FPTreePaths, itemCount: Int) -> [Itemset] {
        let tree = FPTree(itemCount: itemCount, paths: baskets)
        var found: [Itemset] = []
        grow(tree, itemCount: itemCount, suffix: [], into: &found)
        return found
    }

    /// Emits `{item} ∪ suffix` for each frequent item of `tree`, then mines the item's conditional
    /// tree (the baskets holding it, cut to the items before it) for longer itemsets.
    private func grow(_ tree: FPTree, itemCount: Int, suffix: [Int32], into found: inout [Itemset]) {
        for item in 0..<itemCount {
            let count = tree.supportCount(of: item)
            guard count >= minCount else { continue }
            let itemset = [Int32(item)] + suffix
            found.append(Itemset(items: itemset, count: count))
            if let maxLength, itemset.count >= maxLength { continue }
            if let conditional = conditionalTree(of: tree, item: item) {
                grow(conditional, itemCount: item, suffix: itemset, into: &found)
            }
        }
    }

    /// The tree of the prefixes leading to `item`, keeping only items still frequent among them;
    /// nil when none is. Ids before `item` only, since prefixes hold smaller ids.
    private func conditionalTree(of tree: FPTree, item: Int) -> FPTree? {
        var counts = [Int](repeating: 0, count: item)
        for node in tree.nodesOfItem[item] {
            let count = tree.countOfNode[Int(node)]
            var ancestor = tree.parentOfNode[Int(node)]
            while ancestor > 0 {
                counts[Int(tree.itemOfNode[Int(ancestor)])] += count
                ancestor = tree.parentOfNode[Int(ancestor)]
            }
        }
        guard counts.contains(where: { $0 >= minCount }) else { return nil }
        var paths = FPTreePaths()
        var path: [Int32] = []
        for node in tree.nodesOfItem[item] {
            path.removeAll(keepingCapacity: true)
            var ancestor = tree.parentOfNode[Int(node)]
            while ancestor > 0 {
                let ancestorItem = tree.itemOfNode[Int(ancestor)]
                if counts[Int(ancestorItem)] >= minCount {
                    path.append(ancestorItem)
                }
                ancestor = tree.parentOfNode[Int(ancestor)]
            }
            if !path.isEmpty {
                paths.append(path.reversed(), count: tree.countOfNode[Int(node)])
            }
        }
        return FPTree(itemCount: item, paths: paths)
    }
}
