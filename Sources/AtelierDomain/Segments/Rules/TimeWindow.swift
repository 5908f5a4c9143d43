import Foundation

/// When something happened: `within` a span before the evaluation (`"14 days"`), and/or
/// `after` (inclusive) and `before` (exclusive) a time. Empty means any time.
public struct TimeWindow: Sendable, Equatable {
    public var within: TimeSpan?
    public var after: TimeExpression?
    public var before: TimeExpression?

    public init(within: TimeSpan? = nil, after: TimeExpression? = nil, before: TimeExpression? = nil) {
        self.within = within
        self.after = after
        self.before = before
    }

    public static let always = TimeWindow()

    public var isEmpty: Bool { within == nil && after == nil && before == nil }

    /// The inclusive lower and exclusive upper bounds at `now`.
    public func bounds(now: Date) -> (lower: Date?, upper: Date?) {
        (within.map { $0.before(now) } ?? after?.resolve(now: now), before?.resolve(now: now))
    }

    static let memberNames = ["within", "after", "before"]

    /// Reads `within`, `after` and `before` from `object` (a condition holding them).
    init(reading object: RuleObject) throws {
        if object.has("within"), object.has("after") {
            throw object.invalid("after", "cannot be combined with within", hint: "within \"14 days\" means after \"14 days ago\"")
        }
        if let text = try object.decode(String.self, "within") {
            guard let span = TimeSpan(parsing: text) else {
                throw object.invalid("within", "is not a span of time", hint: TimeSpan.hint)
            }
            within = span
        }
        after = try object.decode(TimeExpression.self, "after")
        before = try object.decode(TimeExpression.self, "before")
    }

    func encode(into container: inout KeyedEncodingContainer<RuleKey>) throws {
        try container.encodeIfPresent(within?.description, forKey: RuleKey("within"))
        try container.encodeIfPresent(after, forKey: RuleKey("after"))
        try container.encodeIfPresent(before, forKey: RuleKey("before"))
    }
}
