import AtelierCrypto
import AtelierPostgres
import Foundation

/// OpenDSR status callbacks: each status change of a request is POSTed to each of its
/// `status_callback_urls`, signed with HMAC-SHA256 under a key derived from the tenant's
/// secret. One job per URL and change, so a receiver that is down is retried with the
/// queue's backoff without holding up the others.
public struct StatusCallbacks: Sendable {
    /// What a `privacy:callback` job carries: no personal data.
    public struct Payload: Codable, Sendable, Equatable {
        public var requestID: UUID
        public var url: String
        public var status: PrivacyRequestStatus

        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
            case url
            case status = "request_status"
        }

        public init(requestID: UUID, url: String, status: PrivacyRequestStatus) {
            self.requestID = requestID
            self.url = url
            self.status = status
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requestID.uuidString.lowercased(), forKey: .requestID)
            try container.encode(url, forKey: .url)
            try container.encode(status, forKey: .status)
        }
    }

    /// A callback ready to send: the body and its signature header.
    public struct Delivery: Sendable {
        public var url: CallbackURL
        public var body: [UInt8]
        public var headers: [(name: String, value: String)]
    }

    /// Header carrying the base64 HMAC-SHA256 of the body, as OpenDSR's `X-OpenDSR-Signature`.
    public static let signatureHeader = "X-OpenDSR-Signature"
    /// Names the algorithm, since OpenDSR's own signatures are RSA.
    public static let algorithmHeader = "X-OpenDSR-Signature-Algorithm"
    /// The label the signing key is derived under (`privacy_keyed_hash(secret, label)`).
    static let signingKeyLabel = "opendsr-status-callback-v1"

    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Enqueues one callback job per URL for `status`, inside the caller's transaction.
    static func enqueue(
        tenantID: UUID, request: PrivacyRequest, status: PrivacyRequestStatus, on connection: PostgresConnection
    ) async throws {
        for url in request.callbackURLs {
            try await JobQueue.enqueue(
                kind: PrivacyJobs.callbackKind, tenantID: tenantID,
                payload: try PrivacyJSON.encode(Payload(requestID: request.id, url: url, status: status)),
                maxAttempts: PrivacyJobs.callbackAttempts, on: connection)
        }
    }

    /// The body (OpenDSR's status callback) and headers of the callback a job carries.
    public func delivery(tenantID: UUID, payload text: String) async throws -> Delivery {
        let payload = try PrivacyJSON.decode(Payload.self, from: text)
        let (request, key) = try await pool.withConnection { connection in
            guard
                let request = try await PrivacyRequestRow.find(
                    tenantID: tenantID, requestID: payload.requestID, on: connection)
            else {
                throw DomainError.notFound(resource: "privacy request", id: payload.requestID.uuidString)
            }
            return (request, try await Self.signingKey(tenantID: tenantID, on: connection))
        }
        let body = Array(
            try PrivacyJSON.encode(
                Message(
                    controllerID: tenantID, subjectRequestID: request.id, requestStatus: payload.status,
                    expectedCompletionTime: request.deadline, statusCallbackURL: payload.url)
            ).utf8)
        return Delivery(
            url: try CallbackURL(payload.url), body: body,
            headers: [
                ("Content-Type", "application/json"),
                (Self.signatureHeader, Data(Digest.hmacSHA256(key: key, message: body)).base64EncodedString()),
                (Self.algorithmHeader, "HMAC-SHA256"),
            ])
    }

    /// The key callbacks are signed with, derived from the tenant's secret (which never leaves
    /// the database); receivers verify with it.
    static func signingKey(tenantID: UUID, on connection: PostgresConnection) async throws -> [UInt8] {
        let rows = try await connection.query(
            "SELECT privacy_keyed_hash(inner_pad, outer_pad, $2) AS key FROM tenant_secrets WHERE tenant_id = $1",
            [tenantID, signingKeyLabel])
        guard let key = try rows.first?.decode([UInt8].self, column: "key") else {
            throw DomainError.notFound(resource: "tenant", id: tenantID.uuidString)
        }
        return key
    }

    /// OpenDSR's callback body.
    private struct Message: Encodable {
        var controllerID: UUID
        var subjectRequestID: UUID
        var requestStatus: PrivacyRequestStatus
        var expectedCompletionTime: Date
        var statusCallbackURL: String

        enum CodingKeys: String, CodingKey {
            case controllerID = "controller_id"
            case subjectRequestID = "subject_request_id"
            case requestStatus = "request_status"
            case expectedCompletionTime = "expected_completion_time"
            case statusCallbackURL = "status_callback_url"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(controllerID.uuidString.lowercased(), forKey: .controllerID)
            try container.encode(subjectRequestID.uuidString.lowercased(), forKey: .subjectRequestID)
            try container.encode(requestStatus, forKey: .requestStatus)
            try container.encode(expectedCompletionTime, forKey: .expectedCompletionTime)
            try container.encode(statusCallbackURL, forKey: .statusCallbackURL)
        }
    }
}
