import AtelierPostgres
import Foundation

/// Writes an export into `privacy_export_chunks` as it is produced, a chunk at a time, so no
/// export is ever held whole in memory (the download streams the chunks back the same way).
struct ExportChunkWriter {
    static let chunkSize = 256 * 1024

    let tenantID: UUID
    let requestID: UUID
    let format: ExportFormat
    let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private(set) var byteCount = 0
    private(set) var chunkCount = 0

    init(tenantID: UUID, requestID: UUID, format: ExportFormat, connection: PostgresConnection) {
        self.tenantID = tenantID
        self.requestID = requestID
        self.format = format
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 64 * 1024)
    }

    mutating func write(_ text: String) async throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunkSize { try await flush() }
    }

    /// Stores what is left; call once, at the end.
    mutating func finish() async throws {
        if !buffer.isEmpty { try await flush() }
    }

    private mutating func flush() async throws {
        try await connection.execute(
            "INSERT INTO privacy_export_chunks (tenant_id, request_id, format, seq, data) VALUES ($1, $2, $3, $4, $5)",
            [tenantID, requestID, format.rawValue, chunkCount, buffer])
        byteCount += buffer.count
        chunkCount += 1
        buffer.removeAll(keepingCapacity: true)
    }
}
