import AtelierPostgres
import Foundation

/// Restriction of processing (GDPR art. 18): the subject's profiles stay stored, and the
/// consent layer treats each restricted profile as permitting no purpose. A row is kept for
/// every profile of the subject's merged set, so whichever id a reader checks is covered.
enum ProcessingRestrictions {
    /// Restricts every profile in `profileIDs`; returns how many were not restricted before.
    static func restrict(tenantID: UUID, requestID: UUID, profileIDs: [UUID], on connection: PostgresConnection)
        async throws -> Int
    {
        try await connection.execute(
            """
            INSERT INTO processing_restrictions (tenant_id, profile_id, request_id)
            SELECT $1, id, $2 FROM unnest($3::uuid[]) AS u(id)
            ON CONFLICT (tenant_id, profile_id) DO NOTHING
            """, [tenantID, requestID, profileIDs.sorted()])
    }

    /// Lifts what request `requestID` restricted and records when.
    static func lift(tenantID: UUID, requestID: UUID, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "DELETE FROM processing_restrictions WHERE tenant_id = $1 AND request_id = $2", [tenantID, requestID])
        try await connection.execute(
            "UPDATE privacy_requests SET lifted_at = now() WHERE tenant_id = $1 AND request_id = $2",
            [tenantID, requestID])
    }
}
