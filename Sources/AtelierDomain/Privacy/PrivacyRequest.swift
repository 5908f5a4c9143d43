import Foundation

/// A privacy request as stored: what was asked, where it stands against its deadline, and
/// its results. Holds no identity values: only the identity types are kept for display.
public struct PrivacyRequest: Sendable {
    public var id: UUID
    public var type: PrivacyRequestType
    public var regulation: Regulation
    public var status: PrivacyRequestStatus
    public var submittedAt: Date
    public var receivedAt: Date
    /// The legal deadline (`expected_completion_time` in OpenDSR).
    public var deadline: Date
    public var startedAt: Date?
    public var completedAt: Date?
    public var cancelledAt: Date?
    /// When a completed restriction was lifted.
    public var liftedAt: Date?
    public var callbackURLs: [String]
    /// Identifier types named by the request (`<type>_sha256` for SHA-256 identities).
    public var identityTypes: [String]
    public var results: PrivacyResults?
    /// When this view was read: `isOverdue` is judged against it.
    public var readAt: Date

    /// Still open after its deadline.
    public var isOverdue: Bool { status.isOpen && deadline < readAt }
}

/// What a processed request produced; never personal data.
public struct PrivacyResults: Sendable, Codable, Equatable {
    public var receipt: ErasureReceipt?
    public var exports: [ExportSummary]?
    public var restriction: RestrictionSummary?

    public init(receipt: ErasureReceipt? = nil, exports: [ExportSummary]? = nil, restriction: RestrictionSummary? = nil)
    {
        self.receipt = receipt
        self.exports = exports
        self.restriction = restriction
    }
}

/// Proof of an erasure: what was removed where, and when; no identifier, no profile id.
public struct ErasureReceipt: Sendable, Codable, Equatable {
    public struct TableCount: Sendable, Codable, Equatable {
        public var table: String
        public var rows: Int
    }

    public var receiptID: UUID
    public var startedAt: Date
    public var completedAt: Date
    public var profilesErased: Int
    public var identifiersSuppressed: Int
    /// Rows removed per table of the personal-data registry, in registry order.
    public var tables: [TableCount]
    /// The models whose per-person values of the subject were removed (e.g. `recommender`: the
    /// person's history and ALS factors in every kept version), at once, with the erasure.
    public var modelsAffected: [String]

    enum CodingKeys: String, CodingKey {
        case receiptID = "receipt_id"
        case startedAt = "started_time"
        case completedAt = "completed_time"
        case profilesErased = "profiles_erased"
        case identifiersSuppressed = "identifiers_suppressed"
        case tables
        case modelsAffected = "models_affected"
    }

    /// Ids written lower-case, as everywhere in the API.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(receiptID.uuidString.lowercased(), forKey: .receiptID)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(completedAt, forKey: .completedAt)
        try container.encode(profilesErased, forKey: .profilesErased)
        try container.encode(identifiersSuppressed, forKey: .identifiersSuppressed)
        try container.encode(tables, forKey: .tables)
        try container.encode(modelsAffected, forKey: .modelsAffected)
    }
}

/// One export of an access or portability request, as it stands: downloadable once, until
/// it expires.
public struct ExportSummary: Sendable, Codable, Equatable {
    public var format: ExportFormat
    public var byteCount: Int
    public var expiresAt: Date
    public var downloadedAt: Date?

    enum CodingKeys: String, CodingKey {
        case format
        case byteCount = "byte_count"
        case expiresAt = "expires_time"
        case downloadedAt = "downloaded_time"
    }
}

/// What a restriction request did.
public struct RestrictionSummary: Sendable, Codable, Equatable {
    public var restrictedProfiles: Int

    enum CodingKeys: String, CodingKey {
        case restrictedProfiles = "restricted_profiles"
    }
}

/// How an export is written: JSON for access and portability, CSV also for portability.
public enum ExportFormat: String, Sendable, Codable, CaseIterable {
    case json, csv

    public var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        }
    }

    /// The formats a request of `type` produces.
    static func formats(for type: PrivacyRequestType) -> [ExportFormat] {
        switch type {
        case .access: [.json]
        case .portability: [.json, .csv]
        case .erasure, .restriction: []
        }
    }
}
