import Foundation

/// One statement of choice by a person, as the ledger records it: a grant or withdrawal per
/// purpose, when and where it was made, under which policy version, with its proof.
public struct ConsentStatement: Sendable {
    public var choices: [Purpose: Bool]
    public var source: ConsentSource
    public var policyVersion: String?
    public var occurredAt: Date
    public var proof: ConsentProof

    public init(
        choices: [Purpose: Bool], source: ConsentSource, policyVersion: String?, occurredAt: Date, proof: ConsentProof
    ) {
        self.choices = choices
        self.source = source
        self.policyVersion = policyVersion
        self.occurredAt = occurredAt
        self.proof = proof
    }
}
