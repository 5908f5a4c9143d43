import AtelierDomain
import Foundation

/// A page of `GET /v1/profiles/{profileId}/events`; `nextCursor` is null on the last page.
struct TimelineResponse: Encodable {
    var data: [TimelineEventResponse]
    var nextCursor: String?

    init(_ page: TimelinePage) {
        data = page.events.map(TimelineEventResponse.init)
        nextCursor = page.nextCursor?.token
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case data, nextCursor }
}

/// `TimelineEvent`: one stored call, its JSON members as sent.
struct TimelineEventResponse: Encodable {
    var event: TimelineEvent

    enum CodingKeys: String, CodingKey {
        case id, profileId, messageId, type, event, occurredAt, receivedAt, channel, properties, traits, context
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.id.lowercasedString, forKey: .id)
        try container.encode(event.profileID.lowercasedString, forKey: .profileId)
        try container.encode(event.messageID, forKey: .messageId)
        try container.encode(event.type.rawValue, forKey: .type)
        try container.encode(event.event, forKey: .event)
        try container.encode(event.occurredAt, forKey: .occurredAt)
        try container.encode(event.receivedAt, forKey: .receivedAt)
        try container.encode(event.channel, forKey: .channel)
        try container.encode(JSONValue.parse(event.properties) ?? .null, forKey: .properties)
        try container.encode(JSONValue.parse(event.traits) ?? .null, forKey: .traits)
        try container.encode(JSONValue.parse(event.context) ?? .null, forKey: .context)
    }
}
