import AtelierPostgres
import Foundation

/// Downloads of access and portability exports: each export can be downloaded once, by a
/// key with `privacy:manage`, until it expires; its content is deleted once sent.
public struct PrivacyExports: Sendable {
    /// An export claimed for download: read its chunks in order, then `discard` it.
    public struct Download: Sendable {
        public var requestID: UUID
        public var format: ExportFormat
        public var byteCount: Int
        public var chunkCount: Int
    }

    /// Why an export that existed cannot be downloaded.
    public enum Unavailable: Error, Sendable, Equatable {
        case alreadyDownloaded(Date)
        case expired(Date)
    }

    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Marks the export downloaded and returns it; it cannot be claimed again. Throws
    /// `DomainError.notFound` when there is no such export, `Unavailable` when it is gone.
    public func claim(tenantID: UUID, requestID: UUID, format: ExportFormat) async throws -> Download {
        let rows = try await pool.query(
            """
            UPDATE privacy_exports SET downloaded_at = now()
            WHERE tenant_id = $1 AND request_id = $2 AND format = $3 AND downloaded_at IS NULL AND expires_at > now()
            RETURNING byte_count, chunk_count
            """, [tenantID, requestID, format.rawValue])
        guard let row = rows.first else {
            throw try await unavailability(tenantID: tenantID, requestID: requestID, format: format)
        }
        return Download(
            requestID: requestID, format: format, byteCount: try row.decode(Int.self, column: "byte_count"),
            chunkCount: try row.decode(Int.self, column: "chunk_count"))
    }

    /// The export as `claim` would find it, without claiming it (for HEAD).
    public func peek(tenantID: UUID, requestID: UUID, format: ExportFormat) async throws -> Download {
        let rows = try await pool.query(
            """
            SELECT byte_count, chunk_count FROM privacy_exports
            WHERE tenant_id = $1 AND request_id = $2 AND format = $3 AND downloaded_at IS NULL AND expires_at > now()
            """, [tenantID, requestID, format.rawValue])
        guard let row = rows.first else {
            throw try await unavailability(tenantID: tenantID, requestID: requestID, format: format)
        }
        return Download(
            requestID: requestID, format: format, byteCount: try row.decode(Int.self, column: "byte_count"),
            chunkCount: try row.decode(Int.self, column: "chunk_count"))
    }

    /// Chunk `index` (from 0) of a claimed export.
    public func chunk(tenantID: UUID, _ download: Download, index: Int) async throws -> [UInt8] {
        let rows = try await pool.query(
            "SELECT data FROM privacy_export_chunks WHERE tenant_id = $1 AND request_id = $2 AND format = $3 AND seq = $4",
            [tenantID, download.requestID, download.format.rawValue, index])
        guard let data = try rows.first?.decode([UInt8].self, column: "data") else {
            throw DomainError.unavailable(reason: "chunk \(index) of the export is missing")
        }
        return data
    }

    /// Deletes a claimed export's content, whether its download completed or not.
    public func discard(tenantID: UUID, _ download: Download) async throws {
        try await pool.execute(
            "DELETE FROM privacy_export_chunks WHERE tenant_id = $1 AND request_id = $2 AND format = $3",
            [tenantID, download.requestID, download.format.rawValue])
    }

    /// Deletes the content of every expired export, and of downloaded ones a download left
    /// behind (a crash mid-download); returns how many chunks went.
    public func purgeExpired() async throws -> Int {
        try await pool.execute(
            """
            DELETE FROM privacy_export_chunks c USING privacy_exports e
            WHERE c.tenant_id = e.tenant_id AND c.request_id = e.request_id AND c.format = e.format
              AND (e.expires_at <= now() OR e.downloaded_at < now() - interval '10 minutes')
            """)
    }

    private func unavailability(tenantID: UUID, requestID: UUID, format: ExportFormat) async throws -> any Error {
        let rows = try await pool.query(
            "SELECT expires_at, downloaded_at FROM privacy_exports WHERE tenant_id = $1 AND request_id = $2 AND format = $3",
            [tenantID, requestID, format.rawValue])
        guard let row = rows.first else {
            return DomainError.notFound(
                resource: "\(format.rawValue) export of privacy request", id: requestID.uuidString)
        }
        if let downloaded = try row.decode(Date?.self, column: "downloaded_at") {
            return Unavailable.alreadyDownloaded(downloaded)
        }
        return Unavailable.expired(try row.decode(Date.self, column: "expires_at"))
    }
}
