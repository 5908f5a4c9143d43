/// The kind of raw signal kept as proof of a choice; each but `text` and `none` is mapped to
/// purposes by `ConsentSignalMapping`.
public enum ConsentProofFormat: String, Sendable, CaseIterable {
    case none
    /// An IAB TCF v2 consent string (its core segment is decoded).
    case tcfV2 = "tcf_v2"
    /// Google Consent Mode signals, e.g. `{"analytics_storage": "granted"}`.
    case googleConsentMode = "google_consent_mode"
    /// Segment's `context.consent.categoryPreferences`, e.g. `{"Advertising": false}`.
    case segmentCategories = "segment_categories"
    /// A form's wording or a signed paper's reference, kept as given.
    case text
}
