import AtelierDomain
import Foundation

/// `Merge`: one recorded merge and what caused it.
struct MergeResponse: Encodable {
    var merge: MergeRecord

    enum CodingKeys: String, CodingKey {
        case id, survivorId, absorbedId, absorbedProfileIds, reason, identifier, messageId, createdAt, undoneAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(merge.id.lowercasedString, forKey: .id)
        try container.encode(merge.survivorID.lowercasedString, forKey: .survivorId)
        try container.encode(merge.absorbedID.lowercasedString, forKey: .absorbedId)
        try container.encode(merge.absorbedProfileIDs.map(\.lowercasedString), forKey: .absorbedProfileIds)
        try container.encode(merge.reason, forKey: .reason)
        try container.encode(merge.identifier.description, forKey: .identifier)
        try container.encode(merge.messageID, forKey: .messageId)
        try container.encode(merge.createdAt, forKey: .createdAt)
        try container.encode(merge.undoneAt, forKey: .undoneAt)
    }
}

/// `MergeRefusal`: a link the identity rules declined.
struct MergeRefusalResponse: Encodable {
    var refusal: MergeRefusal

    enum CodingKeys: String, CodingKey {
        case profileId, rule, identifier, otherProfileId, reason, messageId, createdAt
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(refusal.profileID.lowercasedString, forKey: .profileId)
        try container.encode(refusal.rule.rawValue, forKey: .rule)
        try container.encode(refusal.identifier.description, forKey: .identifier)
        try container.encode(refusal.otherProfileID?.lowercasedString, forKey: .otherProfileId)
        try container.encode(refusal.reason, forKey: .reason)
        try container.encode(refusal.messageID, forKey: .messageId)
        try container.encode(refusal.createdAt, forKey: .createdAt)
    }
}

/// `MergeHistory`: merges and refusals of a profile's view, newest first.
struct MergeHistoryResponse: Encodable {
    var data: [MergeResponse]
    var refusals: [MergeRefusalResponse]
}

/// `UnmergeResult`.
struct UnmergeResponse: Encodable {
    var merge: MergeResponse
    var restoredProfileIds: [String]
}
