import Foundation

/// Position after the last entry of a newest-first page (a timeline, a consent history):
/// keyset pagination on `(occurred_at, id)`, so pages stay stable while new entries arrive.
/// Opaque to clients (base64url of the two values).
public struct TimeOrderedCursor: Sendable, Equatable {
    public var occurredAt: Date
    public var id: UUID

    public init(occurredAt: Date, id: UUID) {
        self.occurredAt = occurredAt
        self.id = id
    }

    public var token: String {
        let micros = Int64((occurredAt.timeIntervalSince1970 * 1_000_000).rounded())
        let raw = "\(micros)|\(id.uuidString.lowercased())"
        return Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Parses a token this type produced; throws `DomainError.invalid` for anything else.
    public init(token: String) throws(DomainError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw Self.invalid
        }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else {
            throw Self.invalid
        }
        occurredAt = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        self.id = id
    }

    private static let invalid = DomainError.invalid(
        field: "cursor", reason: "is not a cursor this API returned", hint: "pass nextCursor from the previous page")
}
