import Foundation

/// Filters and page of the officer's worklist (`GET /v1/privacy/requests`), read by deadline.
public struct PrivacyRequestQuery: Sendable {
    public var status: PrivacyRequestStatus?
    /// true: only open requests past their deadline; false: every other request.
    public var overdue: Bool?
    public var cursor: PrivacyRequestCursor?
    public var limit: Int

    public init(
        status: PrivacyRequestStatus? = nil, overdue: Bool? = nil, cursor: PrivacyRequestCursor? = nil, limit: Int = 50
    ) {
        self.status = status
        self.overdue = overdue
        self.cursor = cursor
        self.limit = limit
    }

    public static let maximumLimit = 200
}

/// Position after the last request of a worklist page: keyset on (deadline, request id), so
/// the order is stable while requests arrive. Opaque to clients (base64url).
public struct PrivacyRequestCursor: Sendable, Equatable {
    public var deadline: Date
    public var requestID: UUID

    public init(deadline: Date, requestID: UUID) {
        self.deadline = deadline
        self.requestID = requestID
    }

    public var token: String {
        let micros = Int64((deadline.timeIntervalSince1970 * 1_000_000).rounded())
        return Data("\(micros)~\(requestID.uuidString.lowercased())".utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    public init(token: String) throws(DomainError) {
        let base64 = token.replacing("-", with: "+").replacing("_", with: "/")
        let padded = base64 + String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let parts = Data(base64Encoded: padded).map { String(decoding: $0, as: UTF8.self) }?.split(separator: "~")
        guard let parts, parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1]))
        else {
            throw .invalid(
                field: "cursor", reason: "is not a cursor this API returned", hint: "pass next_cursor back unchanged")
        }
        deadline = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        requestID = id
    }
}

/// One page of the worklist.
public struct PrivacyRequestPage: Sendable {
    public var requests: [PrivacyRequest]
    public var nextCursor: PrivacyRequestCursor?
}
