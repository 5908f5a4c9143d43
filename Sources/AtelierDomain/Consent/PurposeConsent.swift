import Foundation

/// Where one profile stands on one purpose: the set's latest choice, if any, and what it
/// means under the purpose's lawful basis. `permitted` is exactly what enforcement uses.
public struct PurposeConsent: Sendable, Equatable {
    public var purpose: Purpose
    public var lawfulBasis: LawfulBasis
    /// The latest choice across the merged set; nil when the person never said.
    public var granted: Bool?
    public var source: String?
    public var since: Date?
    public var permitted: Bool
}
