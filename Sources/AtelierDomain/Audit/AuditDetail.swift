/// The small JSON object an entry carries about its action: counts, codes, ids, flags.
/// Never personal data: no identifier values, no traits, no free text a person typed.
/// Kept under 8 KB by the schema.
public struct AuditDetail: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var members: [String: AuditValue]

    public init(_ members: [String: AuditValue] = [:]) {
        self.members = members
    }

    public init(dictionaryLiteral elements: (String, AuditValue)...) {
        members = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> AuditValue? {
        get { members[name] }
        set { members[name] = newValue }
    }

    /// The canonical JSON text (see `AuditValue.appendCanonicalJSON`), which is what is
    /// hashed and what is stored.
    public var canonicalJSON: String {
        var output: [UInt8] = []
        AuditValue.appendCanonicalObject(members, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}

extension AuditDetail: Codable {
    public init(from decoder: any Decoder) throws {
        members = try decoder.singleValueContainer().decode([String: AuditValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(members)
    }
}
