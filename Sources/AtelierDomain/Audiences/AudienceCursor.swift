import Foundation

/// Where the next page of a pull starts: the pull it belongs to, the number of the page just
/// delivered, its last member, and the pull's `since` (a delta's). Opaque to partners (base64url); a
/// forged cursor can only page within an audience the key may read anyway.
public struct AudienceCursor: Sendable, Equatable {
    public var pullID: UUID
    public var page: Int
    public var after: UUID
    public var since: Date?

    public init(pullID: UUID, page: Int, after: UUID, since: Date?) {
        self.pullID = pullID
        self.page = page
        self.after = after
        self.since = since
    }

    public var token: String {
        let micros = since.map { String(Int64(($0.timeIntervalSince1970 * 1_000_000).rounded())) } ?? ""
        let raw = [pullID.uuidString.lowercased(), String(page), after.uuidString.lowercased(), micros].joined(separator: "|")
        return Base64URL.encode(raw)
    }

    public init(token: String) throws(DomainError) {
        guard let text = Base64URL.decode(token) else { throw Self.invalid }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let pullID = UUID(uuidString: parts[0]), let page = Int(parts[1]), page >= 1,
            let after = UUID(uuidString: parts[2])
        else { throw Self.invalid }
        let since: Date?
        if parts[3].isEmpty {
            since = nil
        } else {
            guard let micros = Int64(parts[3]) else { throw Self.invalid }
            since = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        }
        self.init(pullID: pullID, page: page, after: after, since: since)
    }

    private static let invalid = DomainError.invalid(
        field: "cursor", reason: "is not a cursor this API returned", hint: "pass the next cursor of the previous page")
}
