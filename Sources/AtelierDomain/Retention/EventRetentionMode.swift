/// What retention does to an event past its tenant's retention period.
public enum EventRetentionMode: String, Sendable, Hashable, CaseIterable {
    /// The event is deleted.
    case delete
    /// The event leaves the profile for `anonymised_events`, stripped as `EventAnonymisation` says.
    case anonymise
}
