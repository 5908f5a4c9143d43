import Foundation

/// The law a request is made under; it sets the deadline the officer must meet.
public enum Regulation: String, Sendable, CaseIterable, Codable {
    case gdpr, ccpa

    /// The legal deadline for a request submitted at `submitted`: one month under GDPR
    /// (art. 12(3): the same day of the next month, or its last day when shorter), 45 days
    /// under CCPA (§ 1798.130(a)(2)). Extensions the laws allow are the officer's decision
    /// and are not applied here.
    public func deadline(forSubmissionAt submitted: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let step: DateComponents =
            switch self {
            case .gdpr: DateComponents(month: 1)
            case .ccpa: DateComponents(day: 45)
            }
        return calendar.date(byAdding: step, to: submitted) ?? submitted.addingTimeInterval(45 * 86_400)
    }
}
