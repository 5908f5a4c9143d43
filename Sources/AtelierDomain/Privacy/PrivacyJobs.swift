import Foundation

/// The background jobs of the privacy layer; the worker registers a handler for each kind.
public enum PrivacyJobs {
    /// Processes one request (payload `{"request_id": …}`).
    public static let processKind = "privacy:process"
    /// Delivers one signed status callback (payload: `StatusCallback.Payload`).
    public static let callbackKind = "privacy:callback"
    /// Deletes expired or downloaded exports (system-wide, scheduled).
    public static let purgeExportsKind = "privacy:purge_exports"

    /// Attempts before a callback job is dead: with the queue's doubling backoff from 5 s,
    /// the last try comes about 20 minutes after the first.
    public static let callbackAttempts = 9

    struct RequestPayload: Codable {
        var requestID: UUID

        enum CodingKeys: String, CodingKey {
            case requestID = "request_id"
        }

        init(requestID: UUID) {
            self.requestID = requestID
        }

        /// Ids written lower-case, as PostgreSQL prints them, so the payload joins to the request.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requestID.uuidString.lowercased(), forKey: .requestID)
        }
    }

    /// The request a `privacy:process` job is for.
    public static func requestID(ofPayload payload: String) throws -> UUID {
        try PrivacyJSON.decode(RequestPayload.self, from: payload).requestID
    }
}
