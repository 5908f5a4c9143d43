import AtelierPostgres
import Foundation

/// Reads `PrivacyRequest`s from `privacy_requests`, with their exports' current state.
enum PrivacyRequestRow {
    /// Select list over `privacy_requests r`.
    static let columns = """
        r.request_id, r.request_type, r.regulation, r.status, r.submitted_at, r.received_at, r.deadline_at,
        r.started_at, r.completed_at, r.cancelled_at, r.lifted_at, r.callback_urls, r.identity_types,
        r.results::text AS results, r.job_id, now() AS read_at, x.*
        """

    /// Joined after `privacy_requests r`: the request's exports as parallel arrays.
    static let exportsJoin = """
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(e.format ORDER BY e.format), '{}') AS export_formats,
                coalesce(array_agg(e.byte_count ORDER BY e.format), '{}') AS export_bytes,
                coalesce(array_agg(e.expires_at ORDER BY e.format), '{}') AS export_expiry,
                coalesce(array_agg(e.downloaded_at ORDER BY e.format), '{}') AS export_downloads
            FROM privacy_exports e WHERE e.tenant_id = r.tenant_id AND e.request_id = r.request_id
        ) x
        """

    static func request(from row: PostgresRow) throws -> PrivacyRequest {
        func decodeEnum<T: RawRepresentable<String>>(_ type: T.Type, _ column: String) throws -> T {
            let text = try row.decode(String.self, column: column)
            guard let value = T(rawValue: text) else {
                throw PostgresError.decodingFailure(
                    column: column, type: T.self, value: text, reason: "is not a known value")
            }
            return value
        }
        var results = try row.decode(String?.self, column: "results").map {
            try PrivacyJSON.decode(PrivacyResults.self, from: $0)
        }
        let formats = try row.decode([String].self, column: "export_formats")
        if !formats.isEmpty {
            let bytes = try row.decode([Int].self, column: "export_bytes")
            let expiry = try row.decode([Date].self, column: "export_expiry")
            let downloads = try row.decode([Date?].self, column: "export_downloads")
            var exports: [ExportSummary] = []
            for (index, format) in formats.enumerated() {
                guard let format = ExportFormat(rawValue: format) else { continue }
                exports.append(
                    ExportSummary(
                        format: format, byteCount: bytes[index], expiresAt: expiry[index],
                        downloadedAt: downloads[index]))
            }
            results = PrivacyResults(receipt: results?.receipt, exports: exports, restriction: results?.restriction)
        }
        return PrivacyRequest(
            id: try row.decode(UUID.self, column: "request_id"),
            type: try decodeEnum(PrivacyRequestType.self, "request_type"),
            regulation: try decodeEnum(Regulation.self, "regulation"),
            status: try decodeEnum(PrivacyRequestStatus.self, "status"),
            submittedAt: try row.decode(Date.self, column: "submitted_at"),
            receivedAt: try row.decode(Date.self, column: "received_at"),
            deadline: try row.decode(Date.self, column: "deadline_at"),
            startedAt: try row.decode(Date?.self, column: "started_at"),
            completedAt: try row.decode(Date?.self, column: "completed_at"),
            cancelledAt: try row.decode(Date?.self, column: "cancelled_at"),
            liftedAt: try row.decode(Date?.self, column: "lifted_at"),
            callbackURLs: try row.decode([String].self, column: "callback_urls"),
            identityTypes: try row.decode([String].self, column: "identity_types"), results: results,
            readAt: try row.decode(Date.self, column: "read_at"))
    }

    /// The request `requestID` of the tenant, read on `connection`; nil when there is none.
    static func find(tenantID: UUID, requestID: UUID, forUpdate: Bool = false, on connection: PostgresConnection)
        async throws -> PrivacyRequest?
    {
        let lock = forUpdate ? "FOR UPDATE OF r" : ""
        return try await connection.query(
            "SELECT \(columns) FROM privacy_requests r \(exportsJoin) WHERE r.tenant_id = $1 AND r.request_id = $2 \(lock)",
            [tenantID, requestID]
        ).first.map(request(from:))
    }
}
