/// Walks one tenant's entries in sequence order and finds the first place the chain breaks.
/// Pure: the entries come from the database (`AuditTrail.verify`) or from an export.
public struct AuditChainVerifier: Sendable {
    private var expectedSequence: Int64
    private var expectedPreviousHash: [UInt8]
    private var checked = 0
    private var firstBreak: (sequence: Int64, problem: AuditVerification.Break)?

    /// Starts after `baseSequence`, whose hash is `baseHash` (0 and the genesis hash unless
    /// the chain's oldest part was archived).
    public init(baseSequence: Int64 = 0, baseHash: [UInt8] = AuditEntryEncoding.genesisHash) {
        expectedSequence = baseSequence + 1
        expectedPreviousHash = baseHash
    }

    /// False once the chain is broken; later entries need not be read.
    public var isIntact: Bool { firstBreak == nil }

    /// Checks the next stored entry. `entry` is nil when a stored row could not even be
    /// read back into an entry (a detail that is not the JSON we write): a changed entry.
    public mutating func check(_ entry: AuditEntry?, storedSequence: Int64) {
        guard firstBreak == nil else { return }
        checked += 1
        if storedSequence != expectedSequence {
            firstBreak = (expectedSequence, .missingEntry)
            return
        }
        guard let entry, entry.hasValidHash else {
            firstBreak = (storedSequence, .hashMismatch)
            return
        }
        guard entry.previousHash == expectedPreviousHash else {
            firstBreak = (storedSequence, .chainMismatch)
            return
        }
        expectedSequence += 1
        expectedPreviousHash = entry.entryHash
    }

    /// The verdict, given the chain head's last sequence and hash.
    public func finish(headSequence: Int64, headHash: [UInt8]) -> AuditVerification {
        var verdict = AuditVerification(
            entriesChecked: checked, lastSequence: headSequence, headHash: headHash, firstBrokenSequence: nil, problem: nil)
        if let firstBreak {
            verdict.firstBrokenSequence = firstBreak.sequence
            verdict.problem = firstBreak.problem
        } else if headSequence >= expectedSequence {
            verdict.firstBrokenSequence = expectedSequence
            verdict.problem = .missingEntry
        } else if headSequence < expectedSequence - 1 {
            verdict.firstBrokenSequence = headSequence + 1
            verdict.problem = .headMismatch
        } else if headHash != expectedPreviousHash {
            verdict.firstBrokenSequence = headSequence
            verdict.problem = .headMismatch
        }
        return verdict
    }
}
