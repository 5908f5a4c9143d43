/// One JSON object of a segment rule, read strictly: members outside `allowed` are refused, and
/// every refusal names the offending member as a JSON pointer into the request (the decoder's
/// coding path, so a rule nested in a body reads `/rule/and/2/purchase/count`).
///
/// Type mismatches inside (a string where a number belongs) surface as `DecodingError`s with
/// the same coding path, which the REST layer turns into pointer-precise problems too.
struct RuleObject {
    let container: KeyedDecodingContainer<RuleKey>
    /// The pointer of this object.
    let pointer: String

    init(_ decoder: any Decoder, allowed: [String], what: String) throws {
        pointer = RulePointer.of(decoder.codingPath)
        container = try decoder.container(keyedBy: RuleKey.self)
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            throw DomainError.invalid(
                field: pointer + "/" + RulePointer.escape(key.stringValue), reason: "is not a member of \(what)",
                hint: "allowed: " + allowed.joined(separator: ", "))
        }
    }

    var keys: [String] { container.allKeys.map(\.stringValue) }

    func has(_ key: String) -> Bool { container.contains(RuleKey(key)) }

    func field(_ key: String) -> String { pointer + "/" + RulePointer.escape(key) }

    func invalid(_ key: String, _ reason: String, hint: String? = nil) -> DomainError {
        .invalid(field: field(key), reason: reason, hint: hint)
    }

    func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        try container.decodeIfPresent(type, forKey: RuleKey(key))
    }

    func require<T: Decodable>(_ type: T.Type, _ key: String, hint: String? = nil) throws -> T {
        guard let value = try decode(type, key) else {
            throw invalid(key, "is required", hint: hint)
        }
        return value
    }

    /// A string of 1 to `maximum` characters.
    func text(_ key: String, maximum: Int = 200) throws -> String? {
        guard let value = try decode(String.self, key) else { return nil }
        guard !value.isEmpty, value.count <= maximum, !value.utf8.contains(0) else {
            throw invalid(key, "must be 1 to \(maximum) characters")
        }
        return value
    }

    /// One string or an array of 1 to 100 strings, each 1 to 200 characters.
    func texts(_ key: String) throws -> [String]? {
        try pointedTexts(key)?.map(\.value)
    }

    /// As `texts`, each with its own pointer (`/sku` for a single string, `/sku/2` in an array).
    func pointedTexts(_ key: String) throws -> [(value: String, field: String)]? {
        guard has(key) else { return nil }
        if let single = try? container.decode(String.self, forKey: RuleKey(key)) {
            return [(try Self.checked(single, field: field(key)), field(key))]
        }
        let values = try container.decode([String].self, forKey: RuleKey(key))
        guard (1...100).contains(values.count) else {
            throw invalid(key, "must be a string or an array of 1 to 100 strings")
        }
        return try values.enumerated().map { index, value in
            let pointer = field(key) + "/\(index)"
            return (try Self.checked(value, field: pointer), pointer)
        }
    }

    private static func checked(_ value: String, field: String) throws -> String {
        guard !value.isEmpty, value.count <= 200, !value.utf8.contains(0) else {
            throw DomainError.invalid(field: field, reason: "must be 1 to 200 characters", hint: nil)
        }
        return value
    }
}

/// Any member name of a rule object.
struct RuleKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// RFC 6901 pointers for rule errors.
enum RulePointer {
    static func of(_ path: [any CodingKey]) -> String {
        path.map { key in "/" + (key.intValue.map(String.init) ?? escape(key.stringValue)) }.joined()
    }

    static func escape(_ token: String) -> String {
        token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
