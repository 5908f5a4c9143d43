/// A machine-readable consent signal as a consent tool sends it, mapped to purposes by
/// `ConsentSignalMapping`.
public enum ConsentSignal: Sendable, Equatable {
    /// An IAB TCF v2 consent string.
    case tcf(String)
    /// Google Consent Mode types and their `granted`/`denied` values.
    case googleConsentMode([String: String])
    /// Segment's `categoryPreferences`: category name to granted.
    case segmentCategories([String: Bool])
}
