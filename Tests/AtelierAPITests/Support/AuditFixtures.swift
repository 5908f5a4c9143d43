import AtelierDomain
import AtelierPostgres
import Foundation

/// Audit log reads and tampering shared by the audit and retention suites.
enum AuditFixtures {
    /// The entries `GET /v1/audit?<query>` answers, newest first.
    static func entries(_ server: APITestServer, key: String, query: String = "") async throws -> [[String: Any]] {
        let response = try await server.send("GET", "/v1/audit" + (query.isEmpty ? "" : "?" + query), key: key)
        guard response.status == 200 else {
            throw AuditFixtureFailure(description: "GET /v1/audit answered \(response.status): \(response.text)")
        }
        return response.json["data"] as? [[String: Any]] ?? []
    }

    /// The id of the key whose secret is `key`.
    static func keyID(_ server: APITestServer, key: String) async throws -> String {
        try await APIKeyService(pool: server.pool, cacheTimeToLive: .zero).authenticate(key).keyID.uuidString.lowercased()
    }

    /// Runs `sql` on the audit log as its owner would to tamper with it: with the
    /// append-only trigger disabled for the statement's transaction only.
    static func tamper(_ pool: PostgresPool, _ sql: String) async throws {
        try await pool.transaction { connection in
            try await connection.executeScript(
                """
                ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
                \(sql);
                ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
                """)
        }
    }

    /// `GET /v1/audit/verify`.
    static func verify(_ server: APITestServer, key: String) async throws -> [String: Any] {
        try await server.send("GET", "/v1/audit/verify", key: key).json
    }
}

struct AuditFixtureFailure: Error, CustomStringConvertible {
    var description: String
}
