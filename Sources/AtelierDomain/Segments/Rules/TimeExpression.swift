import Foundation

/// A point in time in a rule: absolute (`"2026-01-01"`, `"2026-01-01T09:30:00Z"`), relative to
/// the evaluation (`"30 days ago"`, `"now"`). Relative times are resolved against the clock of
/// each evaluation, so a saved segment "bought in the last 30 days" moves with time.
public enum TimeExpression: Sendable, Equatable, Codable, CustomStringConvertible {
    case absolute(Date)
    case ago(TimeSpan)
    case now

    public func resolve(now: Date) -> Date {
        switch self {
        case .absolute(let date): date
        case .ago(let span): span.before(now)
        case .now: now
        }
    }

    public var description: String {
        switch self {
        case .absolute(let date): date.formatted(Self.dateTime)
        case .ago(let span): "\(span) ago"
        case .now: "now"
        }
    }

    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        if trimmed.lowercased() == "now" {
            self = .now
        } else if trimmed.lowercased().hasSuffix(" ago"), let span = TimeSpan(parsing: String(trimmed.dropLast(4))) {
            self = .ago(span)
        } else if let date = (try? Self.dateTime.parse(trimmed)) ?? (try? Self.dateTimeWithoutFraction.parse(trimmed))
            ?? (try? Self.day.parse(trimmed))
        {
            self = .absolute(date)
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = TimeExpression(parsing: text) else {
            throw DomainError.invalid(
                field: RulePointer.of(decoder.codingPath), reason: "is not a date",
                hint: "an ISO-8601 date or date-time (\"2026-01-31\", \"2026-01-31T09:00:00Z\"), \"now\", or \"30 days ago\"")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static let dateTime = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let dateTimeWithoutFraction = Date.ISO8601FormatStyle()
    private static let day = Date.ISO8601FormatStyle().year().month().day()
}
