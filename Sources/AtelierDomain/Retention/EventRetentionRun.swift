import Foundation

/// What one retention run did for a tenant.
public struct EventRetentionRun: Sendable, Equatable {
    public var policy: EventRetentionPolicy
    /// Events that occurred before this instant were due.
    public var cutoff: Date
    /// Events deleted or anonymised.
    public var processed: Int
    public var batches: Int
    /// False when the run stopped at its batch limit with due events left.
    public var isComplete: Bool
}
