import AtelierPostgres
import Foundation

/// Writes the cluster of each person per segmentation version (`cluster_assignments`, personal
/// data: written by the owner, read only through a purpose pool by segment rules), and keeps
/// only the versions still in use.
struct ClusterAssignmentStore {
    let connection: PostgresConnection
    let tenantID: UUID

    /// Replaces every assignment of `version` with `labels` (one per profile id).
    @discardableResult
    func replace(version: Int, profileIDs: [UUID], labels: [Int], featuresAsOf: Date) async throws -> Int {
        try await connection.execute(
            "DELETE FROM cluster_assignments WHERE tenant_id = $1 AND version = $2", [tenantID, version])
        let tenant = tenantID.uuidString
        let versionText = String(version)
        let asOf = Self.timestamp(featuresAsOf)
        return try await connection.copyFrom(
            "COPY cluster_assignments (tenant_id, profile_id, version, label, features_as_of) FROM STDIN",
            rows: zip(profileIDs, labels).lazy.map { [tenant, $0.uuidString, versionText, String($1), asOf] })
    }

    /// The segmentation versions some saved segment's rule names in a cluster condition.
    func pinnedVersions() async throws -> [Int] {
        try await connection.query(
            """
            SELECT DISTINCT (v #>> '{}')::int AS version
            FROM segments s, jsonb_path_query(s.rule, 'strict $.**.cluster.version') v
            WHERE s.tenant_id = $1 AND jsonb_typeof(v) = 'number'
            ORDER BY 1
            """, [tenantID]
        ).map { try $0.decode(Int.self, column: "version") }
    }

    /// Drops the assignments of every version not in `kept`, and records which versions keep theirs.
    func keepOnly(_ kept: [Int]) async throws {
        try await connection.execute(
            "DELETE FROM cluster_assignments WHERE tenant_id = $1 AND NOT (version = ANY($2::int[]))", [tenantID, kept])
        try await connection.execute(
            "UPDATE segmentation_models SET assignments_kept = (version = ANY($2::int[])) WHERE tenant_id = $1",
            [tenantID, kept])
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
