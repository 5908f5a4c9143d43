import Foundation

/// What one erasure (or export) step covers: a data subject's profiles, and every identifier
/// known for them (their own, plus those the request named).
public struct PersonalDataScope: Sendable {
    public var tenantID: UUID
    public var profileIDs: [UUID]
    public var identifiers: [Identifier]

    public init(tenantID: UUID, profileIDs: [UUID], identifiers: [Identifier]) {
        self.tenantID = tenantID
        self.profileIDs = profileIDs.sorted()
        self.identifiers = identifiers.sorted()
    }
}
