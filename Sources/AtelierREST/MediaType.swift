/// A media type such as `application/json`, compared the way RFC 9110 says:
/// case-insensitively and ignoring parameters such as `charset`.
///
/// Routes declare which media types they read; `*` wildcards and the `+json`
/// structured suffix (RFC 6839) let `application/json` accept `application/merge-patch+json`.
public struct MediaType: Hashable, Sendable, CustomStringConvertible {
    public let type: String
    public let subtype: String

    public init(type: String, subtype: String) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
    }

    /// Parses a `Content-Type` value; nil when it is not `type/subtype`.
    public init?(parsing value: String) {
        let essence = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = essence.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let type = Self.trimmed(parts[0]), subtype = Self.trimmed(parts[1])
        guard !type.isEmpty, !subtype.isEmpty else { return nil }
        self.init(type: type, subtype: subtype)
    }

    public var description: String { "\(type)/\(subtype)" }

    public static let json = MediaType(type: "application", subtype: "json")
    public static let problemJSON = MediaType(type: "application", subtype: "problem+json")
    public static let ndjson = MediaType(type: "application", subtype: "x-ndjson")
    public static let plainText = MediaType(type: "text", subtype: "plain")
    public static let any = MediaType(type: "*", subtype: "*")

    /// Whether a body of media type `other` is acceptable where `self` is expected.
    public func accepts(_ other: MediaType) -> Bool {
        if type == "*" { return true }
        guard type == other.type else { return false }
        if subtype == "*" || subtype == other.subtype { return true }
        return subtype == "json" && other.subtype.hasSuffix("+json")
    }

    private static func trimmed(_ text: Substring) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}
