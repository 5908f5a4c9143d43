import AtelierAlgorithms
import Testing

@Suite("Time-based holdout")
struct TimeHoldoutSplitterTests {
    static let day: Int64 = 86_400
    static let end: Int64 = 1_700_000_000

    static func timed(_ user: String, _ item: String, daysBeforeEnd: Double, weight: Double = 1) -> TimedInteraction<String, String> {
        TimedInteraction(Interaction(user: user, item: item, weight: weight), timestamp: end - Int64(daysBeforeEnd * Double(day)))
    }

    static let history = [
        timed("ann", "shoe", daysBeforeEnd: 30), timed("ann", "bag", daysBeforeEnd: 7), timed("ann", "hat", daysBeforeEnd: 6.5),
        timed("ann", "shoe", daysBeforeEnd: 1), timed("bob", "belt", daysBeforeEnd: 2), timed("cat", "bag", daysBeforeEnd: 10),
        timed("cat", "scarf", daysBeforeEnd: 0),
    ]

    @Test("train holds up to the cut-off N days before the latest interaction, test what follows")
    func splitsAtTheCutOff() throws {
        let split = try TimeHoldoutSplitter(testDays: 7).split(Self.history)
        #expect(split.end == Self.end)
        #expect(split.cutoff == Self.end - 7 * Self.day)
        // Exactly at the cut-off (7 days before the end) is train.
        #expect(split.train.map(\.item) == ["shoe", "bag", "bag"])
        #expect(split.test.map(\.item) == ["hat", "shoe", "belt", "scarf"])
    }

    @Test("with an explicit end, later interactions are in neither side")
    func explicitEnd() throws {
        let split = try TimeHoldoutSplitter(testDays: 2, end: Self.end - Self.day).split(Self.history)
        #expect(split.train.count == 4)
        #expect(split.test.map(\.item) == ["shoe", "belt"])
    }

    @Test("relevant items: users with a train history, items new to them")
    func relevantItems() throws {
        let split = try TimeHoldoutSplitter(testDays: 7).split(Self.history)
        #expect(split.relevantItems() == ["ann": ["hat"], "cat": ["scarf"]])
        #expect(split.relevantItems(excludeTrainItems: false) == ["ann": ["hat", "shoe"], "cat": ["scarf"]])
        #expect(split.relevantItems(requireTrainHistory: false) == ["ann": ["hat"], "bob": ["belt"], "cat": ["scarf"]])
    }

    @Test("fewer than one test day or no interactions are refused")
    func validation() {
        #expect(throws: MetricError.invalidParameter(name: "testDays", reason: "must be at least 1")) {
            try TimeHoldoutSplitter(testDays: 0).split(Self.history)
        }
        #expect(throws: MetricError.emptyData) { try TimeHoldoutSplitter(testDays: 3).split([TimedInteraction<Int, Int>]()) }
        #expect(throws: MetricError.invalidParameter(name: "testDays", reason: "reaches before the representable time")) {
            try TimeHoldoutSplitter(testDays: .max).split(Self.history)
        }
    }
}
