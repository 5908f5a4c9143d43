/// Why a purpose may be processed at all (GDPR art. 6). Under `consent` a profile is permitted
/// only after it grants; under `legitimateInterest` until it objects.
public enum LawfulBasis: String, Sendable, CaseIterable {
    case consent
    case legitimateInterest = "legitimate_interest"
}
