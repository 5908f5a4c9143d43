import Foundation

/// The consent a tracking call carried, attached to the profile it resolved to.
struct TrackingConsentSignal: Sendable {
    var profileID: UUID
    var occurredAt: Date
    var categoryPreferences: [String: Bool]
    /// The `categoryPreferences` object as sent, kept as proof.
    var proof: String
}
