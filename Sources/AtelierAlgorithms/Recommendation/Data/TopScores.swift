/// The `capacity` best (index, score) pairs offered to it, best first, where better means a
/// higher score and, between equal scores, a lower index: a total order, so rankings never
/// depend on the order of offers. A bounded binary heap with the worst kept pair at its root:
/// O(log capacity) per offer, O(capacity) memory.
struct TopScores<Score: Comparable & Sendable> {
    let capacity: Int
    private var heap: [(index: Int32, score: Score)] = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        // A caller's limit may be far larger than what will be offered.
        heap.reserveCapacity(min(self.capacity, 1024))
    }

    static func isBetter(_ left: (index: Int32, score: Score), than right: (index: Int32, score: Score)) -> Bool {
        left.score > right.score || (left.score == right.score && left.index < right.index)
    }

    mutating func offer(index: Int32, score: Score) {
        let candidate = (index: index, score: score)
        if heap.count < capacity {
            heap.append(candidate)
            siftUp(heap.count - 1)
        } else if capacity > 0, Self.isBetter(candidate, than: heap[0]) {
            heap[0] = candidate
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sorted() -> [(index: Int32, score: Score)] {
        heap.sorted(by: Self.isBetter)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isBetter(heap[parent], than: heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var worst = parent
            let left = 2 * parent + 1
            if left < heap.count, Self.isBetter(heap[worst], than: heap[left]) { worst = left }
            if left + 1 < heap.count, Self.isBetter(heap[worst], than: heap[left + 1]) { worst = left + 1 }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
