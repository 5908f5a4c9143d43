/// Paths to build an `FPTree` from, each with the number of baskets it stands for, held in one
/// flat buffer rather than one array per path: a million baskets are two allocations, not a
/// million.
struct FPTreePaths {
    private var items: [Int32] = []
    /// Where each path starts in `items`; path `i` ends where `i + 1` starts.
    private var starts: [Int] = [0]
    private var counts: [Int] = []

    var pathCount: Int { counts.count }

    mutating func reserveCapacity(paths: Int, items itemCount: Int) {
        items.reserveCapacity(itemCount)
        starts.reserveCapacity(paths + 1)
        counts.reserveCapacity(paths)
    }

    /// Adds `path`, ascending ids, standing for `count` baskets.
    mutating func append(_ path: some Sequence<Int32>, count: Int) {
        items.append(contentsOf: path)
        starts.append(items.count)
        counts.append(count)
    }

    func path(_ index: Int) -> ArraySlice<Int32> {
        items[starts[index]..<starts[index + 1]]
    }

    func count(_ index: Int) -> Int {
        counts[index]
    }

    /// The path indices in ascending lexicographic order of their paths (a prefix first).
    func lexicographicOrder() -> [Int] {
        (0..<pathCount).sorted { path($0).lexicographicallyPrecedes(path($1)) }
    }
}
