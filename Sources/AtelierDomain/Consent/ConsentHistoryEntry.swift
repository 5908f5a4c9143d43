import Foundation

/// One row of the append-only ledger, as shown to a privacy officer.
public struct ConsentHistoryEntry: Sendable, Equatable {
    public var id: UUID
    public var profileID: UUID
    public var purpose: Purpose
    public var granted: Bool
    public var source: String
    public var policyVersion: String?
    public var proof: ConsentProof
    public var recordedBy: String
    public var occurredAt: Date
    public var recordedAt: Date
}
