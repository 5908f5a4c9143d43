import Foundation

/// A call that passed validation, with its normalised identifiers and corrected time,
/// waiting for its profile.
struct PreparedEvent: Sendable {
    var index: Int
    var call: TrackingCall
    var identifiers: [Identifier]
    var occurredAt: Date
    var receivedAt: Date
    var profileID = UUID()
}
