import Foundation

/// A tenant's retention of events: those older than `months` calendar months are deleted
/// or anonymised by the `retention:events` job. A tenant without a policy keeps events.
public struct EventRetentionPolicy: Sendable, Hashable {
    public static let allowedMonths = 1...1200

    public var months: Int
    public var mode: EventRetentionMode
    public var updatedAt: Date

    public init(months: Int, mode: EventRetentionMode, updatedAt: Date) {
        self.months = months
        self.mode = mode
        self.updatedAt = updatedAt
    }
}
