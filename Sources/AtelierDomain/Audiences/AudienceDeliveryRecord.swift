import AtelierPostgres
import Foundation

/// One delivered page in the log: who (the API key), when, what kind, how many rows.
public struct AudienceDeliveryRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The current members.
        case snapshot
        /// Members who entered or left since a time.
        case delta
    }

    public var pullID: UUID
    public var page: Int
    public var keyID: UUID
    public var kind: Kind
    public var since: Date?
    public var format: AudienceFormat
    public var rows: Int
    public var lastPage: Bool
    public var deliveredAt: Date

    init(row: PostgresRow) throws {
        pullID = try row.decode(UUID.self, column: "pull_id")
        page = try row.decode(Int.self, column: "page")
        keyID = try row.decode(UUID.self, column: "key_id")
        kind = Kind(rawValue: try row.decode(String.self, column: "kind")) ?? .snapshot
        since = try row.decode(Date?.self, column: "since")
        format = AudienceFormat(rawValue: try row.decode(String.self, column: "format")) ?? .ndjson
        rows = try row.decode(Int.self, column: "rows")
        lastPage = try row.decode(Bool.self, column: "last_page")
        deliveredAt = try row.decode(Date.self, column: "delivered_at")
    }

    init(
        pullID: UUID, page: Int, keyID: UUID, kind: Kind, since: Date?, format: AudienceFormat, rows: Int, lastPage: Bool
    ) {
        self.pullID = pullID
        self.page = page
        self.keyID = keyID
        self.kind = kind
        self.since = since
        self.format = format
        self.rows = rows
        self.lastPage = lastPage
        self.deliveredAt = Date()
    }
}

/// How member rows are written: one JSON object per line, or CSV with a header row.
public enum AudienceFormat: String, Sendable, CaseIterable {
    case ndjson, csv
}
