/// One way the data subject is known, as an OpenDSR `subject_identities` entry: a type, a
/// value, and whether the value is in clear (`raw`) or the SHA-256 of the normalised value.
public struct SubjectIdentity: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case raw, sha256
    }

    public var type: String
    public var value: String
    public var format: Format
    /// JSON pointer of the entry in the request, so a bad one is reported where it was written.
    public var field: String

    public init(type: String, value: String, format: Format, field: String) {
        self.type = type
        self.value = value
        self.format = format
        self.field = field
    }

    /// OpenDSR's identity types that have another name in Atelier.
    static let openDSRTypes: [String: String] = [
        "phone_number": Identifier.phone,
        "controller_customer_id": Identifier.userID,
    ]

    /// The identifier this identity stands for. A SHA-256 identity becomes the identifier
    /// type `<type>_sha256` holding the lower-case hex, the same form hashed external ids take
    /// at ingestion, so both reach the same digest (`privacy_identity_digest` in SQL).
    func identifier(normaliser: IdentifierNormaliser) throws(DomainError) -> Identifier {
        let type = Self.openDSRTypes[type] ?? type
        guard Identifier.isValidType(type), format == .raw || !type.hasSuffix(Self.hashedSuffix) else {
            throw .invalid(
                field: "\(field)/identity_type", reason: "is not an identifier type",
                hint: "lower-case letters, digits and _, such as email, phone, user_id or loyalty_card")
        }
        switch format {
        case .raw:
            return try normaliser.normalise(type: type, rawValue: value, field: "\(field)/identity_value")
        case .sha256:
            let hex = value.trimmingWhitespace.lowercased()
            guard hex.utf8.count == 64,
                hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            else {
                throw .invalid(
                    field: "\(field)/identity_value", reason: "is not a SHA-256 in hexadecimal",
                    hint: "64 hex digits: the SHA-256 of the normalised value (e-mail lower-cased, phone in E.164)")
            }
            return Identifier(type: type + Self.hashedSuffix, value: hex)
        }
    }

    /// The suffix of identifier types that hold a SHA-256 of another type's value.
    static let hashedSuffix = "_sha256"
}
