import Foundation

/// Builds `Identifier`s from raw client input, one rule per type, so the same customer typed
/// two ways (`Ann@Example.com ` and `ann@example.com`) is one identifier everywhere: at
/// ingestion, in lookups and in commerce facts.
public struct IdentifierNormaliser: Sendable {
    /// ISO 3166 region whose calling code national phone numbers get (the tenant's setting).
    public var defaultPhoneRegion: String

    public init(defaultPhoneRegion: String = "FR") {
        self.defaultPhoneRegion = defaultPhoneRegion
    }

    /// Regions whose phone numbers can be normalised without a `+` prefix.
    public static var supportedPhoneRegions: [String] { PhoneNumberNormaliser.regions.keys.sorted() }

    /// Values longer than this are refused: no real identifier is, and keys stay indexable.
    public static let maximumValueLength = 512

    /// The normalised identifier. Throws `DomainError.invalid` naming `field` (a JSON
    /// pointer into the caller's request) when the value cannot be one of `type`.
    public func normalise(type: String, rawValue: String, field: String) throws(DomainError) -> Identifier {
        guard Identifier.isValidType(type) else {
            throw .invalid(
                field: field, reason: "has an identifier type '\(type)' that is not lower-case letters, digits and _",
                hint: "for example loyalty_card")
        }
        let trimmed = rawValue.trimmingWhitespace
        guard !trimmed.isEmpty else {
            throw .invalid(field: field, reason: "is an empty \(type)", hint: nil)
        }
        guard trimmed.utf8.count <= Self.maximumValueLength else {
            throw .invalid(field: field, reason: "is longer than \(Self.maximumValueLength) bytes", hint: nil)
        }
        switch type {
        case Identifier.email:
            return Identifier(type: type, value: try Self.email(trimmed, field: field))
        case Identifier.phone:
            guard let phone = PhoneNumberNormaliser.normalise(trimmed, defaultRegion: defaultPhoneRegion) else {
                throw .invalid(
                    field: field, reason: "is not a phone number",
                    hint: "send E.164 (+33612345678) or a national number of region \(defaultPhoneRegion)")
            }
            return Identifier(type: type, value: phone)
        default:
            return Identifier(type: type, value: trimmed)
        }
    }

    /// Lower-cased; must have one `@` with text on both sides and no whitespace.
    private static func email(_ text: String, field: String) throws(DomainError) -> String {
        let lowered = text.lowercased()
        let parts = lowered.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !lowered.contains(where: \.isWhitespace)
        else {
            throw .invalid(field: field, reason: "is not an e-mail address", hint: "for example ann@example.com")
        }
        return lowered
    }
}
