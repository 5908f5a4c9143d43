/// Reading members of loosely typed payloads (Segment calls) without a Codable type per shape.
extension JSONValue {
    subscript(member: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[member]
    }

    var objectMembers: [String: JSONValue]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// Whether a string or member name holds U+0000, which PostgreSQL text and jsonb refuse.
    var containsNUL: Bool {
        switch self {
        case .string(let text): text.utf8.contains(0)
        case .array(let values): values.contains { $0.containsNUL }
        case .object(let members): members.contains { $0.key.utf8.contains(0) || $0.value.containsNUL }
        default: false
        }
    }

    /// The JSON text, as stored in `jsonb` columns.
    var jsonText: String { JSONValueWriter.text(of: self) }
}
