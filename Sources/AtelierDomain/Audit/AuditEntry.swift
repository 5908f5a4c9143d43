import Foundation

/// One entry of a tenant's audit chain, as stored.
public struct AuditEntry: Sendable, Hashable {
    public var record: AuditRecord
    /// 1, 2, 3… per tenant, without gaps.
    public var sequence: Int64
    /// Microseconds since 1970-01-01T00:00:00Z: the exact stored time, as hashed.
    public var occurredAtMicroseconds: Int64
    /// `entryHash` of the previous entry of the tenant (32 zero bytes before the first).
    public var previousHash: [UInt8]
    public var entryHash: [UInt8]

    public init(
        record: AuditRecord, sequence: Int64, occurredAtMicroseconds: Int64, previousHash: [UInt8], entryHash: [UInt8]
    ) {
        self.record = record
        self.sequence = sequence
        self.occurredAtMicroseconds = occurredAtMicroseconds
        self.previousHash = previousHash
        self.entryHash = entryHash
    }

    public var occurredAt: Date {
        Date(timeIntervalSince1970: Double(occurredAtMicroseconds) / 1_000_000)
    }

    /// Whether `entryHash` is the hash of this entry's content (it says nothing about the
    /// link to the previous entry; `AuditChainVerifier` checks that).
    public var hasValidHash: Bool {
        AuditEntryEncoding.hash(
            record: record, sequence: sequence, occurredAtMicroseconds: occurredAtMicroseconds, previousHash: previousHash)
            == entryHash
    }
}
