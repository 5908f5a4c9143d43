import Foundation

/// A purpose a tenant processes data for, with the lawful basis that decides what silence
/// means (no choice recorded).
public struct ConsentPurposeDefinition: Sendable, Equatable {
    public var purpose: Purpose
    public var lawfulBasis: LawfulBasis
    public var description: String
    /// One of the six purposes every tenant starts with (and Atelier's code reads for).
    public var builtIn: Bool
    public var updatedAt: Date
}
