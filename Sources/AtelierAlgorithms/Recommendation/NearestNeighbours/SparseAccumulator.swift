/// Sums scores into a dense array indexed by item while remembering which items were touched,
/// so that a sparse row of results costs time in the number of touched items, not in the
/// catalogue (the SMMP scheme of Bank & Douglas, "Sparse Matrix Multiplication Package", which
/// implicit uses too). One accumulator is reused for every row; `drain` resets it.
///
/// Non-copyable, over storage it allocates and frees itself: the inner loop of item-kNN is one
/// `add` per pair of items a user shares, and raw storage keeps it free of copy-on-write checks.
struct SparseAccumulator: ~Copyable {
    private let itemCount: Int
    private let sums: UnsafeMutablePointer<Double>
    private let touched: UnsafeMutablePointer<Bool>
    private let touchedItems: UnsafeMutablePointer<Int32>
    private var touchedCount = 0

    init(itemCount: Int) {
        self.itemCount = itemCount
        sums = .allocate(capacity: itemCount)
        sums.initialize(repeating: 0, count: itemCount)
        touched = .allocate(capacity: itemCount)
        touched.initialize(repeating: false, count: itemCount)
        touchedItems = .allocate(capacity: itemCount)
    }

    deinit {
        sums.deallocate()
        touched.deallocate()
        touchedItems.deallocate()
    }

    /// Adds `value` to `item`'s sum; `item` must lie in 0..<itemCount.
    mutating func add(_ value: Double, to item: Int32) {
        let index = Int(item)
        precondition(index >= 0 && index < itemCount, "item out of range")
        sums[index] += value
        if !touched[index] {
            touched[index] = true
            touchedItems[touchedCount] = item
            touchedCount += 1
        }
    }

    /// Calls `body` once per touched item, in the order they were first touched, with its sum,
    /// then clears the accumulator.
    mutating func drain(_ body: (Int32, Double) -> Void) {
        for position in 0..<touchedCount {
            let item = touchedItems[position]
            body(item, sums[Int(item)])
            sums[Int(item)] = 0
            touched[Int(item)] = false
        }
        touchedCount = 0
    }
}
