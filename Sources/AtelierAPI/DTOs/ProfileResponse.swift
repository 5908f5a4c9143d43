import AtelierDomain
import Foundation

/// `Profile` in the OpenAPI schema: the single customer view. `purchases` is present only
/// when a purchase summary provider is configured.
struct ProfileResponse: Encodable {
    var view: ProfileView

    enum CodingKeys: String, CodingKey {
        case id, requestedId, profileIds, createdAt, firstSeenAt, lastSeenAt, identifiers, traits, channels,
            experience, purchases
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(view.id.lowercasedString, forKey: .id)
        try container.encode(view.requestedID?.lowercasedString, forKey: .requestedId)
        try container.encode(view.profileIDs.map(\.lowercasedString), forKey: .profileIds)
        try container.encode(view.createdAt, forKey: .createdAt)
        try container.encode(view.firstSeenAt, forKey: .firstSeenAt)
        try container.encode(view.lastSeenAt, forKey: .lastSeenAt)
        try container.encode(view.identifiers.map(IdentifierResponse.init), forKey: .identifiers)
        try container.encode(
            Dictionary(uniqueKeysWithValues: view.traits.map { ($0.key, TraitResponse($0)) }), forKey: .traits)
        try container.encode(view.channels.map(ChannelResponse.init), forKey: .channels)
        try container.encode(ExperienceResponse(view.experience), forKey: .experience)
        try container.encodeIfPresent(view.purchases, forKey: .purchases)
    }
}

/// `ProfileIdentifier`: a normalised identifier and the original profile holding it.
struct IdentifierResponse: Encodable {
    var type: String
    var value: String
    var profileId: String
    var firstSeenAt: Date

    init(_ identifier: ProfileIdentifier) {
        type = identifier.identifier.type
        value = identifier.identifier.value
        profileId = identifier.profileID.lowercasedString
        firstSeenAt = identifier.firstSeenAt
    }
}

/// `ProfileTrait`: the winning value with where and when it was set.
struct TraitResponse: Encodable {
    var value: JSONValue
    var source: String
    var updatedAt: Date

    init(_ trait: ProfileTrait) {
        value = JSONValue.parse(trait.value) ?? .null
        source = trait.source
        updatedAt = trait.updatedAt
    }
}

/// `ChannelActivity`.
struct ChannelResponse: Encodable {
    var channel: String
    var firstSeenAt: Date
    var lastSeenAt: Date
    var events: Int

    init(_ activity: ChannelActivity) {
        channel = activity.channel
        firstSeenAt = activity.firstSeenAt
        lastSeenAt = activity.lastSeenAt
        events = activity.events
    }
}

/// `Experience`: the latest NPS answer and the complaints still open.
struct ExperienceResponse: Encodable {
    struct NPS: Encodable {
        var score: Double?
        var submittedAt: Date

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(score, forKey: .score)
            try container.encode(submittedAt, forKey: .submittedAt)
        }

        enum CodingKeys: String, CodingKey { case score, submittedAt }
    }

    struct Complaint: Encodable {
        var complaintId: String?
        var openedAt: Date
        var properties: JSONValue

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(complaintId, forKey: .complaintId)
            try container.encode(openedAt, forKey: .openedAt)
            try container.encode(properties, forKey: .properties)
        }

        enum CodingKeys: String, CodingKey { case complaintId, openedAt, properties }
    }

    var latestNps: NPS?
    var openComplaints: [Complaint]

    init(_ experience: ExperienceSummary) {
        latestNps = experience.latestNPSAt.map { NPS(score: experience.latestNPSScore, submittedAt: $0) }
        openComplaints = experience.openComplaints.map {
            Complaint(complaintId: $0.complaintID, openedAt: $0.openedAt, properties: JSONValue.parse($0.properties) ?? .null)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(latestNps, forKey: .latestNps)
        try container.encode(openComplaints, forKey: .openComplaints)
    }

    enum CodingKeys: String, CodingKey { case latestNps, openComplaints }
}

extension UUID {
    /// The form ids take in every response.
    var lowercasedString: String { uuidString.lowercased() }
}
