import AtelierDomain
import AtelierREST
import Foundation

/// Opaque cursors of the segment lists (base64url), so clients pass them back untouched.
enum SegmentCursorToken {
    static func encode(_ cursor: SegmentCursor) -> String {
        base64URL(cursor.id.lowercasedString + "|" + cursor.name)
    }

    static func decode(_ token: String) throws(Problem) -> SegmentCursor {
        guard let text = text(of: token), let bar = text.firstIndex(of: "|"),
            let id = UUID(uuidString: String(text[..<bar]))
        else { throw invalid }
        return SegmentCursor(name: String(text[text.index(after: bar)...]), id: id)
    }

    static func encode(member: UUID) -> String {
        base64URL(member.lowercasedString)
    }

    static func decodeMember(_ token: String) throws(Problem) -> UUID {
        guard let text = text(of: token), let id = UUID(uuidString: text) else { throw invalid }
        return id
    }

    private static func base64URL(_ text: String) -> String { Base64URL.encode(text) }

    private static func text(of token: String) -> String? { Base64URL.decode(token) }

    private static let invalid = Problem.badRequest(
        "The query parameter 'cursor' is not a cursor this API issued.",
        hint: "Pass back the nextCursor of the previous page unchanged.")
}
