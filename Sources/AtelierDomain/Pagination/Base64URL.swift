import Foundation

/// Unpadded base64url (RFC 4648 §5), the form opaque cursors take in query strings.
public enum Base64URL {
    public static func encode(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    /// The UTF-8 text a token encodes; nil when it is not base64url of UTF-8.
    public static func decode(_ token: String) -> String? {
        var base64 = token.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }
}
