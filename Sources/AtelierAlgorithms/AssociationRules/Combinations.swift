/// Enumerates `k`-element choices of positions for splitting itemsets into rules.
enum Combinations {
    /// Calls `body` with every `size`-element choice of positions `0..<count`, each ascending, in
    /// lexicographic order — the order of Python's `itertools.combinations`, which mlxtend uses to
    /// split an itemset into antecedent and consequent.
    ///
    /// Walks index arrays instead of bit masks so that no itemset length can overflow a mask.
    static func forEach(of count: Int, size: Int, _ body: ([Int]) -> Void) {
        guard size >= 0, size <= count else { return }
        var positions = Array(0..<size)
        while true {
            body(positions)
            var index = size - 1
            while index >= 0, positions[index] == count - size + index {
                index -= 1
            }
            guard index >= 0 else { return }
            positions[index] += 1
            for next in (index + 1)..<size {
                positions[next] = positions[next - 1] + 1
            }
        }
    }
}
