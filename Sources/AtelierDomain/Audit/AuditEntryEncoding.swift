import AtelierCrypto
import Foundation

/// The canonical encoding an entry's hash is computed over (version 1). It is written down
/// here and in the README so that anyone can recompute a chain from an export:
///
///     entry_hash = SHA-256( field("atelier.audit.v1") ‖ field(previous_hash as 64 lower-case hex)
///                           ‖ field(tenant id) ‖ field(sequence) ‖ field(occurred_at)
///                           ‖ field(actor type) ‖ field(actor id) ‖ field(action)
///                           ‖ field(target type) ‖ field(target id) ‖ field(outcome)
///                           ‖ field(reason) ‖ field(detail) )
///
/// - `field(s)` of a present value is the netstring `<byte length in decimal>:<UTF-8 bytes>,`;
///   of an absent one (no actor id, no target, no reason) the single byte `~`.
/// - UUIDs in lower case with hyphens; sequence in decimal; occurred_at as whole
///   microseconds since 1970-01-01T00:00:00Z in decimal (what PostgreSQL stores, exactly).
/// - detail as canonical JSON (`AuditValue.appendCanonicalJSON`): no whitespace, members
///   sorted by the UTF-8 bytes of their names, integers only.
///
/// The first entry's previous hash is 32 zero bytes (or the chain's archived base).
public enum AuditEntryEncoding {
    public static let version = "atelier.audit.v1"
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    public static func hash(record: AuditRecord, sequence: Int64, occurredAtMicroseconds: Int64, previousHash: [UInt8])
        -> [UInt8]
    {
        Digest.sha256(
            encode(record: record, sequence: sequence, occurredAtMicroseconds: occurredAtMicroseconds, previousHash: previousHash))
    }

    /// The bytes `hash` digests, for checking an implementation elsewhere against this one.
    public static func encode(record: AuditRecord, sequence: Int64, occurredAtMicroseconds: Int64, previousHash: [UInt8])
        -> [UInt8]
    {
        let fields: [String?] = [
            version, Hex.encode(previousHash), record.tenantID.uuidString.lowercased(), String(sequence),
            String(occurredAtMicroseconds), record.actor.type, record.actor.id?.uuidString.lowercased(), record.action.rawValue,
            record.target?.type, record.target?.id.uuidString.lowercased(), record.outcome.name, record.outcome.reason?.rawValue,
            record.detail.canonicalJSON,
        ]
        var output: [UInt8] = []
        for field in fields {
            guard let field else {
                output.append(UInt8(ascii: "~"))
                continue
            }
            output += Array("\(field.utf8.count):".utf8)
            output += Array(field.utf8)
            output.append(UInt8(ascii: ","))
        }
        return output
    }
}
