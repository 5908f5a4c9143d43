/// The result of checking a tenant's audit chain from its base to its head.
public struct AuditVerification: Sendable, Equatable {
    /// What broke the chain first.
    public enum Break: String, Sendable, Equatable {
        /// The entry with `firstBrokenSequence` is missing (deleted, or the tail truncated).
        case missingEntry = "missing_entry"
        /// The entry's content does not hash to its stored hash: it was changed.
        case hashMismatch = "hash_mismatch"
        /// The entry does not link to the hash of the entry before it: one was replaced,
        /// reordered or rewritten with a recomputed hash.
        case chainMismatch = "chain_mismatch"
        /// The chain head (last sequence and hash) disagrees with the last entry.
        case headMismatch = "head_mismatch"
    }

    public var entriesChecked: Int
    /// The head's last sequence (0 for an empty chain).
    public var lastSequence: Int64
    /// The head's hash: record it outside Atelier to detect a rewritten chain later.
    public var headHash: [UInt8]
    public var firstBrokenSequence: Int64?
    public var problem: Break?

    public var isIntact: Bool { problem == nil }
}
