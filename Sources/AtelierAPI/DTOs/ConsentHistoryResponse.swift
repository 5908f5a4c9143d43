import AtelierDomain
import Foundation

/// A page of `GET /v1/profiles/{profileId}/consents/history`, newest first.
struct ConsentHistoryResponse: Encodable {
    struct Entry: Encodable {
        var entry: ConsentHistoryEntry

        enum CodingKeys: String, CodingKey {
            case id, profileId, purpose, granted, source, policyVersion, proof, recordedBy, occurredAt, recordedAt
        }

        enum ProofKeys: String, CodingKey { case format, value }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entry.id.lowercasedString, forKey: .id)
            try container.encode(entry.profileID.lowercasedString, forKey: .profileId)
            try container.encode(entry.purpose.rawValue, forKey: .purpose)
            try container.encode(entry.granted, forKey: .granted)
            try container.encode(entry.source, forKey: .source)
            try container.encode(entry.policyVersion, forKey: .policyVersion)
            var proof = container.nestedContainer(keyedBy: ProofKeys.self, forKey: .proof)
            try proof.encode(entry.proof.format.rawValue, forKey: .format)
            try proof.encode(entry.proof.raw, forKey: .value)
            try container.encode(entry.recordedBy, forKey: .recordedBy)
            try container.encode(entry.occurredAt, forKey: .occurredAt)
            try container.encode(entry.recordedAt, forKey: .recordedAt)
        }
    }

    var data: [Entry]
    var nextCursor: String?

    init(_ page: ConsentHistoryPage) {
        data = page.entries.map(Entry.init)
        nextCursor = page.nextCursor?.token
    }

    enum CodingKeys: String, CodingKey { case data, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
