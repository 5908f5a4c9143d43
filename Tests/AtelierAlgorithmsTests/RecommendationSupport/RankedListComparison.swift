import Testing

/// Compares a ranked list with the reference's, allowing only what floating point and ties
/// allow: scores position by position within `tolerance` (relative, with an absolute floor), and
/// the same items except among scores tied within the tolerance, where the two implementations
/// may order (or, at the list's cut-off, choose) differently.
struct RankedListComparison {
    let tolerance: Double

    func scoresMatch(_ left: Double, _ right: Double) -> Bool {
        abs(left - right) <= tolerance * max(1, abs(left), abs(right))
    }

    /// Returns the problems found (empty when the lists agree), each prefixed with `label`.
    func problems(
        actual: [(item: Int, score: Double)], expected: [(item: Int, score: Double)], cutOff: Bool, label: String
    ) -> [String] {
        let actual = actual.sorted { $0.score > $1.score || ($0.score == $1.score && $0.item < $1.item) }
        let expected = expected.sorted { $0.score > $1.score || ($0.score == $1.score && $0.item < $1.item) }
        guard actual.count == expected.count else {
            return ["\(label): \(actual.count) items, reference \(expected.count)"]
        }
        var problems: [String] = []
        for (position, (mine, theirs)) in zip(actual, expected).enumerated() where !scoresMatch(mine.score, theirs.score) {
            problems.append("\(label): score at \(position) is \(mine.score), reference \(theirs.score)")
        }
        var start = 0
        while start < expected.count {
            var end = start + 1
            while end < expected.count, scoresMatch(expected[end].score, expected[start].score) { end += 1 }
            let atCutOff = cutOff && end == expected.count
            if !atCutOff, Set(actual[start..<end].map(\.item)) != Set(expected[start..<end].map(\.item)) {
                problems.append(
                    "\(label): items \(actual[start..<end].map(\.item)) at \(start)..<\(end), reference \(expected[start..<end].map(\.item))")
            }
            start = end
        }
        return problems
    }

    func expectMatch(
        actual: [(item: Int, score: Double)], expected: [(item: Int, score: Double)], cutOff: Bool, label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for problem in problems(actual: actual, expected: expected, cutOff: cutOff, label: label) {
            Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        }
    }
}
