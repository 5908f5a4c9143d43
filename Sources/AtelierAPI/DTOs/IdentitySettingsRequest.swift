import AtelierDomain
import AtelierREST

/// Body of `PUT /v1/identity/rules`: the tenant's rules (types left out keep their
/// default) and, optionally, the default phone region.
struct IdentitySettingsRequest: Decodable, StrictDecodable {
    struct Rule: Decodable {
        var type: String
        var priority: Int
        var maxPerProfile: Int?
    }

    var rules: [Rule]
    var defaultPhoneRegion: String?

    static let allowedFields: Set<String> = ["rules", "defaultPhoneRegion"]
}
