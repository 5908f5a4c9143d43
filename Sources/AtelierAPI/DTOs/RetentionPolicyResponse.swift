import AtelierDomain
import Foundation

/// `RetentionPolicy`: the tenant's event retention; every member null when events are kept.
struct RetentionPolicyResponse: Encodable {
    var policy: EventRetentionPolicy?

    enum CodingKeys: String, CodingKey { case months, mode, updatedAt }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(policy?.months, forKey: .months)
        try container.encode(policy?.mode.rawValue, forKey: .mode)
        try container.encode(policy?.updatedAt, forKey: .updatedAt)
    }
}
