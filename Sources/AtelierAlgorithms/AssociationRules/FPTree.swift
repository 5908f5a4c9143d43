/// A frequent-pattern tree (Han, Pei & Yin, 2000): baskets inserted as paths of item ids in one
/// fixed order, so baskets sharing a prefix share nodes and each node counts the baskets through it.
///
/// Nodes live in parallel arrays indexed by node number (node 0 is the root) rather than as class
/// instances: no reference counting, no per-node allocation, and a tree that is a plain value.
struct FPTree {
    private(set) var itemOfNode: [Int32] = [-1]
    private(set) var countOfNode: [Int] = [0]
    private(set) var parentOfNode: [Int32] = [-1]
    private var firstChildOfNode: [Int32] = [-1]
    private var nextSiblingOfNode: [Int32] = [-1]
    /// For each item id, the nodes that hold it (the classic header table).
    private(set) var nodesOfItem: [[Int32]]

    /// An empty tree whose item ids are below `itemCount`.
    init(itemCount: Int) {
        nodesOfItem = Array(repeating: [], count: itemCount)
    }

    /// Adds `count` baskets holding `path`, whose ids must be ascending.
    mutating func insert(_ path: [Int32], count: Int) {
        var node: Int32 = 0
        for item in path {
            node = child(of: node, item: item) ?? addChild(of: node, item: item)
            countOfNode[Int(node)] += count
        }
    }

    /// How many baskets hold `item`.
    func supportCount(of item: Int) -> Int {
        nodesOfItem[item].reduce(0) { $0 + countOfNode[Int($1)] }
    }

    private func child(of node: Int32, item: Int32) -> Int32? {
        var candidate = firstChildOfNode[Int(node)]
        while candidate >= 0 {
            if itemOfNode[Int(candidate)] == item {
                return candidate
            }
            candidate = nextSiblingOfNode[Int(candidate)]
        }
        return nil
    }

    private mutating func addChild(of node: Int32, item: Int32) -> Int32 {
        let new = Int32(itemOfNode.count)
        itemOfNode.append(item)
        countOfNode.append(0)
        parentOfNode.append(node)
        firstChildOfNode.append(-1)
        nextSiblingOfNode.append(firstChildOfNode[Int(node)])
        firstChildOfNode[Int(node)] = new
        nodesOfItem[Int(item)].append(new)
        return new
    }
}
