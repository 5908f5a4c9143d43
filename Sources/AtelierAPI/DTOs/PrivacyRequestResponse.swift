import AtelierDomain
import Foundation

/// `PrivacyRequest` in the OpenAPI schema: OpenDSR's status fields plus the deadline
/// bookkeeping and results. Never carries an identity value.
struct PrivacyRequestResponse: Encodable {
    var request: PrivacyRequest

    enum CodingKeys: String, CodingKey {
        case apiVersion = "api_version"
        case subjectRequestID = "subject_request_id"
        case subjectRequestType = "subject_request_type"
        case regulation
        case requestStatus = "request_status"
        case submittedTime = "submitted_time"
        case receivedTime = "received_time"
        case expectedCompletionTime = "expected_completion_time"
        case overdue
        case startedTime = "started_time"
        case completedTime = "completed_time"
        case cancelledTime = "cancelled_time"
        case restrictionLiftedTime = "restriction_lifted_time"
        case statusCallbackURLs = "status_callback_urls"
        case subjectIdentities = "subject_identities"
        case results
    }

    /// An identity as echoed: its type and format, never its value.
    private struct Identity: Encodable {
        var type: String
        var format: String

        enum CodingKeys: String, CodingKey {
            case type = "identity_type"
            case format = "identity_format"
        }
    }

    /// Results with each export's one-time download link.
    private struct Results: Encodable {
        struct Export: Encodable {
            var summary: ExportSummary
            var url: String

            enum CodingKeys: String, CodingKey {
                case format
                case byteCount = "byte_count"
                case expiresTime = "expires_time"
                case downloadedTime = "downloaded_time"
                case downloadURL = "download_url"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(summary.format.rawValue, forKey: .format)
                try container.encode(summary.byteCount, forKey: .byteCount)
                try container.encode(summary.expiresAt, forKey: .expiresTime)
                try container.encode(summary.downloadedAt, forKey: .downloadedTime)
                try container.encode(url, forKey: .downloadURL)
            }
        }

        var receipt: ErasureReceipt?
        var exports: [Export]?
        var restriction: RestrictionSummary?
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let id = request.id.uuidString.lowercased()
        try container.encode("3.0", forKey: .apiVersion)
        try container.encode(id, forKey: .subjectRequestID)
        try container.encode(request.type.rawValue, forKey: .subjectRequestType)
        try container.encode(request.regulation.rawValue, forKey: .regulation)
        try container.encode(request.status.rawValue, forKey: .requestStatus)
        try container.encode(request.submittedAt, forKey: .submittedTime)
        try container.encode(request.receivedAt, forKey: .receivedTime)
        try container.encode(request.deadline, forKey: .expectedCompletionTime)
        try container.encode(request.isOverdue, forKey: .overdue)
        try container.encode(request.startedAt, forKey: .startedTime)
        try container.encode(request.completedAt, forKey: .completedTime)
        try container.encode(request.cancelledAt, forKey: .cancelledTime)
        try container.encode(request.liftedAt, forKey: .restrictionLiftedTime)
        try container.encode(request.callbackURLs, forKey: .statusCallbackURLs)
        try container.encode(
            request.identityTypes.map { type in
                type.hasSuffix("_sha256")
                    ? Identity(type: String(type.dropLast(7)), format: "sha256") : Identity(type: type, format: "raw")
            }, forKey: .subjectIdentities)
        let results = request.results.map { results in
            Results(
                receipt: results.receipt,
                exports: results.exports?.map {
                    Results.Export(summary: $0, url: "/v1/privacy/requests/\(id)/export?format=\($0.format.rawValue)")
                },
                restriction: results.restriction)
        }
        try container.encode(results, forKey: .results)
    }
}

/// A page of the worklist: `{"data": [...], "next_cursor": …}`.
struct PrivacyRequestPageResponse: Encodable {
    var data: [PrivacyRequestResponse]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case data
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data, forKey: .data)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `PrivacySettings` in the OpenAPI schema.
struct PrivacySettingsResponse: Encodable {
    var suppressionMode: String
    var exportTimeToLiveSeconds: Int
    var callbackSigningKey: String
    var suppressedIdentifiers: Int
    var refusedCalls: Int
    var droppedCalls: Int

    enum CodingKeys: String, CodingKey {
        case suppressionMode = "suppression_mode"
        case exportTimeToLiveSeconds = "export_ttl_seconds"
        case callbackSigningKey = "callback_signing_key"
        case suppressedIdentifiers = "suppressed_identifiers"
        case refusedCalls = "refused_calls"
        case droppedCalls = "dropped_calls"
    }

    init(_ settings: PrivacySettings) {
        suppressionMode = settings.suppressionMode.rawValue
        exportTimeToLiveSeconds = Int(settings.exportTimeToLive.components.seconds)
        callbackSigningKey = Data(settings.callbackSigningKey).base64EncodedString()
        suppressedIdentifiers = settings.suppressedIdentifiers
        refusedCalls = settings.refusedCalls
        droppedCalls = settings.droppedCalls
    }
}
