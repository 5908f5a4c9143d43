import AtelierPostgres
import Foundation

/// Writes everything the personal-data registry holds on a subject as one export: JSON (an
/// object per table, a JSON object per row, as stored) or CSV in long form (one line per
/// value: `table,record,column,value`, which fits every table in one file). Rows are read
/// through a server-side cursor, a batch at a time.
struct ExportDocument {
    let tenantID: UUID
    let request: PrivacyRequest
    let profileIDs: [UUID]
    let connection: PostgresConnection

    static let batchSize = 500

    func write(_ format: ExportFormat, to writer: inout ExportChunkWriter) async throws {
        switch format {
        case .json: try await writeJSON(to: &writer)
        case .csv: try await writeCSV(to: &writer)
        }
    }

    /// The registry's tables in export order: the profile first, facts after.
    private var tables: [PersonalDataTable] { PersonalDataRegistry.tables.reversed().filter { $0.exportQuery != nil } }

    private func writeJSON(to writer: inout ExportChunkWriter) async throws {
        let header = try PrivacyJSON.encode(
            Header(
                subjectRequestID: request.id.uuidString.lowercased(), subjectRequestType: request.type.rawValue,
                regulation: request.regulation.rawValue, generatedAt: Date(),
                profileIDs: profileIDs.map { $0.uuidString.lowercased() }))
        try await writer.write(String(header.dropLast()) + #","data":{"#)
        for (tableIndex, table) in tables.enumerated() {
            guard let query = table.exportQuery else { continue }
            try await writer.write((tableIndex == 0 ? "" : ",") + "\n\"\(table.name)\":[")
            var first = true
            try await forEachBatch("SELECT (to_jsonb(t) - 'tenant_id')::text AS row FROM (\(query)) t") { rows in
                for row in rows {
                    try await writer.write((first ? "\n" : ",\n") + (try row.decode(String.self, column: "row")))
                    first = false
                }
            }
            try await writer.write("]")
        }
        try await writer.write("\n}}\n")
    }

    private func writeCSV(to writer: inout ExportChunkWriter) async throws {
        try await writer.write("table,record,column,value\r\n")
        for table in tables {
            guard let query = table.exportQuery else { continue }
            try await forEachBatch(
                """
                SELECT r.n, j.key, j.value FROM (
                    SELECT row_number() OVER () AS n, to_jsonb(t) - 'tenant_id' AS doc FROM (\(query)) t
                ) r CROSS JOIN LATERAL jsonb_each_text(r.doc) AS j ORDER BY r.n, j.key
                """
            ) { rows in
                var lines = ""
                for row in rows {
                    let fields = [
                        table.name, String(try row.decode(Int.self, column: "n")),
                        try row.decode(String.self, column: "key"),
                        try row.decode(String?.self, column: "value") ?? "",
                    ]
                    lines += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
                }
                try await writer.write(lines)
            }
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// Runs `sql` (parameters: the tenant and the subject's profiles) through a cursor.
    private func forEachBatch(_ sql: String, _ body: (PostgresRows) async throws -> Void) async throws {
        try await connection.execute("DECLARE privacy_export_rows NO SCROLL CURSOR FOR \(sql)", [tenantID, profileIDs])
        while true {
            let rows = try await connection.query("FETCH \(Self.batchSize) FROM privacy_export_rows")
            if rows.isEmpty { break }
            try await body(rows)
        }
        try await connection.execute("CLOSE privacy_export_rows")
    }

    private struct Header: Encodable {
        var subjectRequestID: String
        var subjectRequestType: String
        var regulation: String
        var generatedAt: Date
        var profileIDs: [String]

        enum CodingKeys: String, CodingKey {
            case subjectRequestID = "subject_request_id"
            case subjectRequestType = "subject_request_type"
            case regulation
            case generatedAt = "generated_time"
            case profileIDs = "profile_ids"
        }
    }
}
