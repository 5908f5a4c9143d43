import AtelierPostgres
import Foundation

/// Processes one privacy request for the worker (`privacy:process` jobs): marks it in
/// progress (unless it was cancelled meanwhile), does what it asks, and completes it with
/// its results, sending status callbacks at each change. Safe to run again after a crash:
/// each step is idempotent and an erasure continues from its saved progress.
public struct PrivacyRequestProcessor: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The request was done now.
        case completed
        /// Nothing to do: the request was already in this state (cancelled or completed).
        case skipped(PrivacyRequestStatus)
    }

    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func process(tenantID: UUID, requestID: UUID) async throws -> Outcome {
        guard let started = try await start(tenantID: tenantID, requestID: requestID) else {
            let request = try await PrivacyRequestStore(pool: pool).find(tenantID: tenantID, requestID: requestID)
            return .skipped(request.status)
        }
        let (request, identifiers, progress) = started
        switch request.type {
        case .erasure:
            _ = try await SubjectEraser(pool: pool).erase(
                tenantID: tenantID, request: request, identifiers: identifiers, progress: progress)
        case .access, .portability:
            try await SubjectExporter(pool: pool).export(tenantID: tenantID, request: request, identifiers: identifiers)
            try await pool.transaction { connection in
                try await Self.complete(tenantID: tenantID, request: request, results: PrivacyResults(), on: connection)
            }
        case .restriction:
            try await pool.transaction { connection in
                let profileIDs = try await SubjectResolver.members(
                    tenantID: tenantID, identifiers: identifiers, on: connection)
                _ = try await ProcessingRestrictions.restrict(
                    tenantID: tenantID, requestID: request.id, profileIDs: profileIDs, on: connection)
                try await Self.complete(
                    tenantID: tenantID, request: request,
                    results: PrivacyResults(restriction: RestrictionSummary(restrictedProfiles: profileIDs.count)),
                    on: connection)
            }
        }
        return .completed
    }

    /// Moves a pending request to in progress; nil when it is cancelled or completed.
    private func start(tenantID: UUID, requestID: UUID) async throws
        -> (PrivacyRequest, [Identifier], ErasureProgress)?
    {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT status, subject_identities::text AS identities, progress::text AS progress FROM privacy_requests
                WHERE tenant_id = $1 AND request_id = $2 FOR UPDATE
                """, [tenantID, requestID])
            guard let row = rows.first else {
                throw DomainError.notFound(resource: "privacy request", id: requestID.uuidString)
            }
            let status = try row.decode(String.self, column: "status")
            guard status == PrivacyRequestStatus.pending.rawValue || status == PrivacyRequestStatus.inProgress.rawValue
            else {
                return nil
            }
            if status == PrivacyRequestStatus.pending.rawValue {
                try await connection.execute(
                    "UPDATE privacy_requests SET status = 'in_progress', started_at = now() WHERE tenant_id = $1 AND request_id = $2",
                    [tenantID, requestID])
            }
            guard
                let request = try await PrivacyRequestRow.find(tenantID: tenantID, requestID: requestID, on: connection)
            else {
                return nil
            }
            if status == PrivacyRequestStatus.pending.rawValue {
                try await StatusCallbacks.enqueue(
                    tenantID: tenantID, request: request, status: .inProgress, on: connection)
            }
            let identities =
                try row.decode(String?.self, column: "identities")
                .map { try PrivacyJSON.decode([StoredIdentity].self, from: $0).map(\.identifier) } ?? []
            let progress = try PrivacyJSON.decode(
                ErasureProgress.self, from: try row.decode(String.self, column: "progress"))
            return (request, identities, progress)
        }
    }

    /// Completes `request` with `results` in the caller's transaction: its identities are
    /// forgotten, its progress cleared, and its callbacks queued.
    static func complete(
        tenantID: UUID, request: PrivacyRequest, results: PrivacyResults, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            UPDATE privacy_requests SET status = 'completed', completed_at = now(), results = $3::jsonb,
                subject_identities = NULL, progress = '{}'
            WHERE tenant_id = $1 AND request_id = $2
            """, [tenantID, request.id, PostgresJSON(try PrivacyJSON.encode(results))])
        try await StatusCallbacks.enqueue(tenantID: tenantID, request: request, status: .completed, on: connection)
        _ = try await AuditLog.append(
            AuditRecord(
                tenantID: tenantID, actor: .system, action: .privacyRequestCompleted, target: .privacyRequest(request.id),
                detail: ["type": .string(request.type.rawValue)]), in: connection)
    }
}
