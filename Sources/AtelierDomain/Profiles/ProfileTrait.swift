import Foundation

/// The winning value of one trait across a merged profile: the most recent by event time,
/// with the channel it came from.
public struct ProfileTrait: Sendable, Equatable {
    public var key: String
    /// JSON text, exactly as the client sent the value.
    public var value: String
    public var source: String
    public var updatedAt: Date
}
