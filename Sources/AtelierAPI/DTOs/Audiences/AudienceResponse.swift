import AtelierDomain
import Foundation

/// `Audience` in the OpenAPI schema.
struct AudienceResponse: Encodable {
    var audience: Audience

    enum CodingKeys: String, CodingKey {
        case id, name, segmentId, partner, destination, identifiers, extraPurposes, rawIdentifiers, minimumSize,
            createdAt, updatedAt
    }

    func encode(to encoder: any Encoder) throws {
        let definition = audience.definition
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(audience.id.lowercasedString, forKey: .id)
        try container.encode(definition.name, forKey: .name)
        try container.encode(definition.segmentID.lowercasedString, forKey: .segmentId)
        try container.encode(definition.partner, forKey: .partner)
        try container.encode(definition.destination.rawValue, forKey: .destination)
        try container.encode(definition.identifiers.map(\.rawValue), forKey: .identifiers)
        try container.encode(definition.extraPurposes.map(\.rawValue), forKey: .extraPurposes)
        try container.encode(definition.rawIdentifiers, forKey: .rawIdentifiers)
        try container.encode(definition.minimumSize, forKey: .minimumSize)
        try container.encode(audience.createdAt, forKey: .createdAt)
        try container.encode(audience.updatedAt, forKey: .updatedAt)
    }
}

/// `AudienceDelivery` in the OpenAPI schema: one delivered page in the log.
struct AudienceDeliveryResponse: Encodable {
    var record: AudienceDeliveryRecord

    enum CodingKeys: String, CodingKey { case pullId, page, keyId, kind, since, format, rows, lastPage, deliveredAt }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.pullID.lowercasedString, forKey: .pullId)
        try container.encode(record.page, forKey: .page)
        try container.encode(record.keyID.lowercasedString, forKey: .keyId)
        try container.encode(record.kind.rawValue, forKey: .kind)
        try container.encode(record.since, forKey: .since)
        try container.encode(record.format.rawValue, forKey: .format)
        try container.encode(record.rows, forKey: .rows)
        try container.encode(record.lastPage, forKey: .lastPage)
        try container.encode(record.deliveredAt, forKey: .deliveredAt)
    }
}
