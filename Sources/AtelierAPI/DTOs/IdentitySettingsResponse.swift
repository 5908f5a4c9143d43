import AtelierDomain

/// `IdentitySettings`: every rule in force (defaults included), strongest first.
struct IdentitySettingsResponse: Encodable {
    struct Rule: Encodable {
        var type: String
        var priority: Int
        var maxPerProfile: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(priority, forKey: .priority)
            try container.encode(maxPerProfile, forKey: .maxPerProfile)
        }

        enum CodingKeys: String, CodingKey { case type, priority, maxPerProfile }
    }

    var rules: [Rule]
    var defaultPhoneRegion: String

    init(rules: IdentityRules, defaultPhoneRegion: String) {
        self.rules = rules.ordered.map { Rule(type: $0.type, priority: $0.priority, maxPerProfile: $0.maxPerProfile) }
        self.defaultPhoneRegion = defaultPhoneRegion
    }
}
