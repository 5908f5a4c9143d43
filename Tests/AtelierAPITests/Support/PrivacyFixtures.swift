import AtelierDomain
import AtelierPostgres
import AtelierTestSupport
import AtelierWorker
import Foundation
import Logging
import Testing

/// Requests, worker runs and database scans shared by the privacy suites.
enum PrivacyFixtures {
    /// An OpenDSR request body; `identities` are `(type, value, format)`.
    static func request(
        id: UUID = UUID(), type: String = "erasure", regulation: String = "gdpr", submitted: String? = nil,
        identities: [(String, String, String)], callbacks: [String] = []
    ) -> String {
        let entries = identities.map { type, value, format in
            #"{"identity_type": \#(json(type)), "identity_value": \#(json(value)), "identity_format": \#(json(format))}"#
        }
        let submittedMember = submitted.map { #", "submitted_time": "\#($0)""# } ?? ""
        let callbackMember =
            callbacks.isEmpty ? "" : #", "status_callback_urls": [\#(callbacks.map(json).joined(separator: ", "))]"#
        return """
            {"subject_request_id": "\(id.uuidString.lowercased())", "subject_request_type": "\(type)", \
            "regulation": "\(regulation)", "subject_identities": [\(entries.joined(separator: ", "))]\(submittedMember)\(callbackMember)}
            """
    }

    /// Submits a request and fails the test unless it is accepted; returns its id.
    @discardableResult
    static func submit(_ server: APITestServer, key: String, _ body: String) async throws -> String {
        let response = try await server.send("POST", "/v1/privacy/requests", key: key, json: body)
        guard response.status == 201, let id = response.json["subject_request_id"] as? String else {
            throw RawHTTPClient.Failure(description: "privacy request refused: \(response.status) \(response.text)")
        }
        return id
    }

    /// A worker with the privacy handlers, retrying at once (no backoff) so tests need no waiting.
    static func worker(_ server: APITestServer, client: OutboundHTTPClient = OutboundHTTPClient(timeout: .seconds(5)))
        -> Worker
    {
        let pool = server.pool
        return Worker(
            queue: JobQueue(pool: pool, retryPolicy: RetryPolicy(base: .zero, maximum: .zero)),
            schedules: JobSchedules(pool: pool),
            handlers: [
                PrivacyRequestJob(processor: PrivacyRequestProcessor(pool: pool)),
                PrivacyCallbackJob(callbacks: StatusCallbacks(pool: pool), client: client),
            ],
            configuration: WorkerConfiguration(lease: .seconds(30), owner: "privacy-test"),
            logger: TestLogger.make("test"))
    }

    /// Runs privacy jobs until none is ready.
    static func drain(_ server: APITestServer) async {
        let worker = worker(server)
        while await worker.runOnce() {}
    }

    static func status(_ server: APITestServer, key: String, _ id: String) async throws -> [String: Any] {
        try await server.send("GET", "/v1/privacy/requests/\(id)", key: key).json
    }

    /// Every place in the database (`table.column`) whose value contains one of `needles`,
    /// ignoring case: every column of every table of every schema but the system ones, bytea
    /// as UTF-8 bytes and everything else (text, json, jsonb, arrays, uuid…) as its text form.
    static func occurrences(of needles: [String], in pool: PostgresPool) async throws -> [String] {
        let columns = try await pool.query(
            """
            SELECT c.table_schema, c.table_name, c.column_name, c.data_type
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1, 2, 3
            """)
        var found: [String] = []
        for column in columns {
            let table =
                "\"\(try column.decode(String.self, column: "table_schema"))\".\"\(try column.decode(String.self, column: "table_name"))\""
            let name = try column.decode(String.self, column: "column_name")
            let value = "\"\(name)\""
            let match =
                try column.decode(String.self, column: "data_type") == "bytea"
                ? "position(convert_to(n, 'UTF8') IN \(value)) > 0 OR position(convert_to(lower(n), 'UTF8') IN \(value)) > 0"
                : "strpos(lower(\(value)::text), lower(n)) > 0"
            let rows = try await pool.query(
                """
                SELECT n FROM unnest($1::text[]) AS u(n)
                WHERE EXISTS (SELECT 1 FROM \(table) WHERE \(match))
                """, [needles])
            for row in rows {
                found.append("\(table).\(name) contains \(try row.decode(String.self, column: "n"))")
            }
        }
        return found
    }

    /// The SHA-256 of `text` in hex, as a controller sends a hashed identity (computed by
    /// PostgreSQL, an implementation independent of Atelier's).
    static func sha256Hex(_ text: String, pool: PostgresPool) async throws -> String {
        let rows = try await pool.query("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS hex", [text])
        return try rows[0].decode(String.self, column: "hex")
    }

    /// `text` as a JSON string literal.
    static func json(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}
