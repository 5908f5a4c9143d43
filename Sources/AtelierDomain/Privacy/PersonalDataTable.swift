import AtelierPostgres
import Foundation

/// One table of personal data, and how erasure and export treat it for a data subject.
public struct PersonalDataTable: Sendable {
    public typealias Eraser = @Sendable (PersonalDataScope, PostgresConnection) async throws -> Int

    public let name: String
    /// Removes (or anonymises) the subject's rows; returns how many rows it changed.
    public let erase: Eraser
    /// A SELECT of the subject's rows for exports, with `$1` the tenant and `$2` the
    /// subject's profile ids (`uuid[]`), ordered; nil when the table holds nothing to give
    /// back to the subject (technical rows such as message ids).
    public let exportQuery: String?

    public init(name: String, exportQuery: String?, erase: @escaping Eraser) {
        self.name = name
        self.exportQuery = exportQuery
        self.erase = erase
    }

    /// A table keyed by `(tenant_id, profile_id, …)`: the subject's rows are deleted and
    /// exported ordered by `orderBy`.
    public static func byProfile(_ table: String, orderBy: String) -> PersonalDataTable {
        PersonalDataTable(
            name: table,
            exportQuery:
                "SELECT * FROM \(table) WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[]) ORDER BY \(orderBy)"
        ) { scope, connection in
            try await connection.execute(
                "DELETE FROM \(table) WHERE tenant_id = $1 AND profile_id = ANY($2::uuid[])",
                [scope.tenantID, scope.profileIDs])
        }
    }
}
