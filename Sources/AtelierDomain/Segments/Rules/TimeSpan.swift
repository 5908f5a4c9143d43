import Foundation

/// A length of calendar time written as people say it: `"14 days"`, `"6 months"`, `"1 year"`.
/// Months and years are calendar months and years (UTC), so "1 month" before 31 March is
/// 28 or 29 February.
public struct TimeSpan: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case minute, hour, day, week, month, year

        var component: Calendar.Component {
            switch self {
            case .minute: .minute
            case .hour: .hour
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            case .year: .year
            }
        }
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public var description: String { "\(amount) \(unit.rawValue)\(amount == 1 ? "" : "s")" }

    /// `now` minus this span.
    public func before(_ now: Date) -> Date {
        Self.calendar.date(byAdding: unit.component, value: -amount, to: now) ?? now
    }

    /// Parses `"<n> <unit>"` or `"<n> <units>"` (n from 0 to 100,000); nil for anything else.
    public init?(parsing text: String) {
        let words = text.trimmingWhitespace.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2, let amount = Int(words[0]), (0...100_000).contains(amount) else { return nil }
        let name = words[1].hasSuffix("s") ? String(words[1].dropLast()) : String(words[1])
        guard let unit = Unit(rawValue: name) else { return nil }
        self.init(amount: amount, unit: unit)
    }

    static let hint = "for example \"14 days\"; units: minutes, hours, days, weeks, months, years"

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()
}
