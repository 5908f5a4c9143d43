/// A purpose Atelier's own code reads personal data for. Each has a SELECT-only database role
/// (`atelier_purpose_<name>`, migration 0006) whose row-level security admits only the profiles
/// that permit it, so naming the purpose is what scopes the read.
public enum ReadPurpose: String, CaseIterable, Sendable, Hashable {
    case analytics
    case personalization
    case marketingEmail = "marketing_email"
    case marketingSMS = "marketing_sms"
    case advertising
    case partnerSharing = "partner_sharing"

    /// The database role a reading session for this purpose runs as.
    public var databaseRole: String { "atelier_purpose_" + rawValue }

    /// The position in `allCases`, for tables indexed by purpose.
    var ordinal: Int {
        switch self {
        case .analytics: 0
        case .personalization: 1
        case .marketingEmail: 2
        case .marketingSMS: 3
        case .advertising: 4
        case .partnerSharing: 5
        }
    }
}
