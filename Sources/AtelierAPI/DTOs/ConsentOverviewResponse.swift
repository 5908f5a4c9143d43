import AtelierDomain
import Foundation

/// `GET /v1/profiles/{profileId}/consents`: every purpose of the tenant, the latest choice
/// on it, and whether processing is permitted (what every read enforces).
struct ConsentOverviewResponse: Encodable {
    struct PurposeState: Encodable {
        var purpose: String
        var lawfulBasis: String
        var granted: Bool?
        var source: String?
        var since: Date?
        var permitted: Bool

        enum CodingKeys: String, CodingKey { case purpose, lawfulBasis, granted, source, since, permitted }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(purpose, forKey: .purpose)
            try container.encode(lawfulBasis, forKey: .lawfulBasis)
            try container.encode(granted, forKey: .granted)
            try container.encode(source, forKey: .source)
            try container.encode(since, forKey: .since)
            try container.encode(permitted, forKey: .permitted)
        }
    }

    var profileId: String
    var restricted: Bool
    var purposes: [PurposeState]

    init(_ overview: ConsentOverview) {
        profileId = overview.profileID.lowercasedString
        restricted = overview.restricted
        purposes = overview.purposes.map {
            PurposeState(
                purpose: $0.purpose.rawValue, lawfulBasis: $0.lawfulBasis.rawValue, granted: $0.granted,
                source: $0.source, since: $0.since, permitted: $0.permitted)
        }
    }
}
