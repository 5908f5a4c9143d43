import AtelierDomain
import Foundation

/// `Segment` in the OpenAPI schema.
struct SegmentResponse: Encodable {
    var segment: Segment

    enum CodingKeys: String, CodingKey {
        case id, name, description, purpose, rule, refreshIntervalSeconds, version, createdAt, updatedAt, refreshedAt,
            refreshedVersion, memberCount
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(segment.id.lowercasedString, forKey: .id)
        try container.encode(segment.definition.name, forKey: .name)
        try container.encode(segment.definition.description, forKey: .description)
        try container.encode(segment.definition.purpose.rawValue, forKey: .purpose)
        try container.encode(segment.definition.rule, forKey: .rule)
        try container.encode(segment.definition.refreshInterval, forKey: .refreshIntervalSeconds)
        try container.encode(segment.version, forKey: .version)
        try container.encode(segment.createdAt, forKey: .createdAt)
        try container.encode(segment.updatedAt, forKey: .updatedAt)
        try container.encode(segment.refreshedAt, forKey: .refreshedAt)
        try container.encode(segment.refreshedVersion, forKey: .refreshedVersion)
        try container.encode(segment.memberCount, forKey: .memberCount)
    }
}

/// `SegmentPreview` in the OpenAPI schema.
struct SegmentPreviewResponse: Encodable {
    var size: Int
    var exact: Bool
    var low: Int
    var high: Int
    var sampledFraction: Double
    var evaluated: Int
    var sample: [String]
    var evaluatedAt: Date

    init(_ preview: SegmentPreview) {
        size = preview.size
        exact = preview.exact
        low = preview.low
        high = preview.high
        sampledFraction = preview.sampledFraction
        evaluated = preview.evaluated
        sample = preview.sample.map(\.lowercasedString)
        evaluatedAt = preview.evaluatedAt
    }
}

/// `SegmentSpell` in the OpenAPI schema: one stay of a person in a segment.
struct SegmentSpellResponse: Encodable {
    var spell: SegmentMemberships.Spell
    /// The segment's name, in a profile's list of segments.
    var name: String?

    enum CodingKeys: String, CodingKey { case segmentId, name, profileId, enteredAt, exitedAt }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(spell.segmentID.lowercasedString, forKey: .segmentId)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(spell.profileID.lowercasedString, forKey: .profileId)
        try container.encode(spell.enteredAt, forKey: .enteredAt)
        try container.encode(spell.exitedAt, forKey: .exitedAt)
    }
}
