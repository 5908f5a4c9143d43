import AtelierPostgres
import Foundation

/// Produces the exports of an access or portability request: everything the registry holds
/// on the subject, read in one snapshot, stored in chunks until downloaded or expired.
struct SubjectExporter {
    let pool: PostgresPool

    func export(tenantID: UUID, request: PrivacyRequest, identifiers: [Identifier]) async throws {
        try await pool.transaction(isolation: .repeatableRead) { connection in
            let profileIDs = try await SubjectResolver.members(
                tenantID: tenantID, identifiers: identifiers, on: connection)
            let known = try await SubjectResolver.identifiers(
                tenantID: tenantID, profileIDs: profileIDs, on: connection)
            let keys = SubjectResolver.subjectKeyMessages(
                identifiers: Array(Set(identifiers + known)).sorted(), profileIDs: profileIDs)
            for format in ExportFormat.formats(for: request.type) {
                try await connection.execute(
                    "DELETE FROM privacy_exports WHERE tenant_id = $1 AND request_id = $2 AND format = $3",
                    [tenantID, request.id, format.rawValue])
                try await connection.execute(
                    """
                    INSERT INTO privacy_exports (tenant_id, request_id, format, byte_count, chunk_count, subject_keys, expires_at)
                    SELECT $1, $2, $3, 0, 0, \(SubjectResolver.subjectKeysSQL(types: "$4", values: "$5")),
                        now() + make_interval(secs => coalesce(
                            (SELECT export_ttl_seconds FROM privacy_settings WHERE tenant_id = $1), 259200))
                    FROM tenant_secrets k WHERE k.tenant_id = $1
                    """, [tenantID, request.id, format.rawValue, keys.types, keys.values])
                var writer = ExportChunkWriter(
                    tenantID: tenantID, requestID: request.id, format: format, connection: connection)
                try await ExportDocument(
                    tenantID: tenantID, request: request, profileIDs: profileIDs, connection: connection
                )
                .write(format, to: &writer)
                try await writer.finish()
                try await connection.execute(
                    """
                    UPDATE privacy_exports SET byte_count = $4, chunk_count = $5
                    WHERE tenant_id = $1 AND request_id = $2 AND format = $3
                    """, [tenantID, request.id, format.rawValue, writer.byteCount, writer.chunkCount])
            }
        }
    }
}
