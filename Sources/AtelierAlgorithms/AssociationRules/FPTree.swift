/// A frequent-pattern tree (Han, Pei & Yin, 2000): baskets inserted as paths of item ids in one
/// fixed order, so baskets sharing a prefix share nodes and each node counts the baskets through it.
///
/// Nodes live in parallel arrays indexed by node number (node 0 is the root) rather than as class
/// instances: no reference counting, no per-node allocation, and a tree that is a plain value.
///
/// Paths are added in ascending lexicographic order (`FPTreePaths` sorts them), so a path can
/// share nodes only with the path added just before it: adding one compares it with that path
/// instead of searching the children of each node. The root of a million baskets over thousands
/// of frequent items has thousands of children, and scanning them was most of the fit's time.
struct FPTree {
    private(set) var itemOfNode: [Int32] = [-1]
    private(set) var countOfNode: [Int] = [0]
    private(set) var parentOfNode: [Int32] = [-1]
    /// For each item id, the nodes that hold it (the classic header table).
    private(set) var nodesOfItem: [[Int32]]
    /// The nodes of the path added last, root's child first.
    private var lastPath: [Int32] = []

    /// The tree of `paths`, each added `count` times.
    init(itemCount: Int, paths: FPTreePaths) {
        nodesOfItem = Array(repeating: [], count: itemCount)
        for index in paths.lexicographicOrder() {
            add(paths.path(index), count: paths.count(index))
        }
    }

    /// How many baskets hold `item`.
    func supportCount(of item: Int) -> Int {
        nodesOfItem[item].reduce(0) { $0 + countOfNode[Int($1)] }
    }

    /// Adds `count` baskets holding `path` (ascending ids), sharing the prefix it has in common
    /// with the previous path. A path out of lexicographic order would only get nodes of its own
    /// where it could have shared some: the tree would be larger, its counts still right.
    private mutating func add(_ path: ArraySlice<Int32>, count: Int) {
        var node: Int32 = 0
        var depth = 0
        for item in path {
            if depth < lastPath.count, itemOfNode[Int(lastPath[depth])] == item {
                node = lastPath[depth]
            } else {
                lastPath.removeSubrange(depth...)
                node = addChild(of: node, item: item)
                lastPath.append(node)
            }
            countOfNode[Int(node)] += count
            depth += 1
        }
        lastPath.removeSubrange(depth...)
    }

    private mutating func addChild(of node: Int32, item: Int32) -> Int32 {
        let new = Int32(itemOfNode.count)
        itemOfNode.append(item)
        countOfNode.append(0)
        parentOfNode.append(node)
        nodesOfItem[Int(item)].append(new)
        return new
    }
}
