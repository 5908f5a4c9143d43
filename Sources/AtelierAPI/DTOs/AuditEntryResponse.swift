import AtelierCrypto
import AtelierDomain
import Foundation

/// `AuditEntry` in the OpenAPI schema. `occurredAt` carries the stored microseconds, and the
/// hashes are hex, so a chain can be recomputed from a listing (`AuditEntryEncoding`).
struct AuditEntryResponse: Encodable {
    var entry: AuditEntry

    enum CodingKeys: String, CodingKey {
        case sequence, occurredAt, actor, action, target, outcome, reason, detail, previousHash, hash
    }

    struct Reference: Encodable {
        var type: String
        var id: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(id, forKey: .id)
        }

        enum CodingKeys: String, CodingKey { case type, id }
    }

    func encode(to encoder: any Encoder) throws {
        let record = entry.record
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entry.sequence, forKey: .sequence)
        try container.encode(Self.timestamp(microseconds: entry.occurredAtMicroseconds), forKey: .occurredAt)
        try container.encode(
            Reference(type: record.actor.type, id: record.actor.id?.lowercasedString), forKey: .actor)
        try container.encode(record.action.rawValue, forKey: .action)
        try container.encode(
            record.target.map { Reference(type: $0.type, id: $0.id.lowercasedString) }, forKey: .target)
        try container.encode(record.outcome.name, forKey: .outcome)
        try container.encode(record.outcome.reason?.rawValue, forKey: .reason)
        try container.encode(record.detail, forKey: .detail)
        try container.encode(Hex.encode(entry.previousHash), forKey: .previousHash)
        try container.encode(Hex.encode(entry.entryHash), forKey: .hash)
    }

    /// ISO-8601 in UTC with six fractional digits: `2026-11-23T13:15:00.123456Z`.
    static func timestamp(microseconds: Int64) -> String {
        let (seconds, fraction) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let (wholeSeconds, micros) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let base = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(.iso8601)
        let digits = String(micros)
        return String(base.dropLast()) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}

/// `AuditVerification`: whether the tenant's chain is intact, and where it first breaks.
struct AuditVerificationResponse: Encodable {
    var verification: AuditVerification

    enum CodingKeys: String, CodingKey {
        case intact, entriesChecked, lastSequence, headHash, firstBrokenSequence, problem
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verification.isIntact, forKey: .intact)
        try container.encode(verification.entriesChecked, forKey: .entriesChecked)
        try container.encode(verification.lastSequence, forKey: .lastSequence)
        try container.encode(Hex.encode(verification.headHash), forKey: .headHash)
        try container.encode(verification.firstBrokenSequence, forKey: .firstBrokenSequence)
        try container.encode(verification.problem?.rawValue, forKey: .problem)
    }
}
