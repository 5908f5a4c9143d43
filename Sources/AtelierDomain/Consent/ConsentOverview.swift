import Foundation

/// A profile's current consent: every purpose its tenant defines, and whether processing is
/// restricted (a privacy request), which overrides every purpose.
public struct ConsentOverview: Sendable, Equatable {
    /// The live profile of the merged set the state belongs to.
    public var profileID: UUID
    public var restricted: Bool
    public var purposes: [PurposeConsent]
}
