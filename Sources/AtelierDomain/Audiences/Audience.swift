import Foundation

/// A segment shared with a named partner. Its members are read at delivery time under
/// `partner_sharing` (and `extraPurposes`), so a withdrawal takes effect on the next read.
public struct Audience: Sendable, Equatable {
    public var id: UUID
    public var tenantID: UUID
    public var definition: AudienceDefinition
    public var createdAt: Date
    public var updatedAt: Date
}

/// What an audience shares, with whom, and how.
public struct AudienceDefinition: Sendable, Equatable {
    public var name: String
    public var segmentID: UUID
    public var partner: String
    public var destination: AudienceDestination
    public var identifiers: [AudienceIdentifierKind]
    /// Purposes a member must also permit (e.g. `advertising` for an ad platform, which the
    /// Consent Mode signal `ad_personalization` maps to).
    public var extraPurposes: [ReadPurpose]
    /// E-mail and phone in clear instead of hashed; only an admin may set it.
    public var rawIdentifiers: Bool
    /// Deliveries are refused while fewer members are visible, so no partner can single out
    /// a person. Never below `minimumSizeFloor`.
    public var minimumSize: Int

    public static let minimumSizeFloor = 100

    public init(
        name: String, segmentID: UUID, partner: String, destination: AudienceDestination,
        identifiers: [AudienceIdentifierKind], extraPurposes: [ReadPurpose] = [], rawIdentifiers: Bool = false,
        minimumSize: Int = AudienceDefinition.minimumSizeFloor
    ) throws(DomainError) {
        let name = name.trimmingWhitespace
        let partner = partner.trimmingWhitespace
        guard (1...200).contains(name.count) else {
            throw .invalid(field: "/name", reason: "must be 1 to 200 characters", hint: nil)
        }
        guard (1...200).contains(partner.count) else {
            throw .invalid(field: "/partner", reason: "must be 1 to 200 characters", hint: "the partner's name, e.g. an agency")
        }
        guard !identifiers.isEmpty else {
            throw .invalid(field: "/identifiers", reason: "must name at least one identifier", hint: "email, phone, pseudonymous_id")
        }
        guard minimumSize >= Self.minimumSizeFloor, minimumSize <= 100_000_000 else {
            throw .invalid(
                field: "/minimumSize", reason: "must be at least \(Self.minimumSizeFloor)",
                hint: "a smaller audience could single out a person")
        }
        self.name = name
        self.segmentID = segmentID
        self.partner = partner
        self.destination = destination
        self.identifiers = Array(Set(identifiers)).sorted { $0.rawValue < $1.rawValue }
        self.extraPurposes = Array(Set(extraPurposes.filter { $0 != .partnerSharing })).sorted { $0.rawValue < $1.rawValue }
        self.rawIdentifiers = rawIdentifiers
        self.minimumSize = minimumSize
    }
}

/// Where an audience goes, which decides how identifiers are normalised before hashing.
public enum AudienceDestination: String, Sendable, CaseIterable {
    /// Google Customer Match (Data Manager API): Gmail addresses lose dots and `+` suffixes;
    /// phones are E.164 with `+`.
    case googleCustomerMatch = "google_customer_match"
    /// Meta custom audiences: e-mail trimmed and lower-cased; phones as digits with the country
    /// code, no `+`.
    case meta
    /// Any other partner: e-mail trimmed and lower-cased; phones E.164 with `+`.
    case generic
}

/// An identifier an audience delivers per member.
public enum AudienceIdentifierKind: String, Sendable, CaseIterable {
    case email
    case phone
    /// HMAC-SHA256 of the live profile id under the tenant's own secret: stable per person,
    /// meaningless to anyone else.
    case pseudonymousID = "pseudonymous_id"
}
