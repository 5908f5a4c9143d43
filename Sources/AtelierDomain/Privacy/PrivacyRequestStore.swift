import AtelierPostgres
import Foundation

/// Privacy requests for privacy officers (OpenDSR): submitted once per `subject_request_id`,
/// processed by the worker (`PrivacyRequestProcessor`), cancelled while pending, listed by
/// deadline. Identity values are kept in clear only until the request is processed or
/// cancelled.
public struct PrivacyRequestStore: Sendable {
    private let pool: PostgresPool
    private let rules: IdentityRuleStore

    public init(pool: PostgresPool) {
        self.pool = pool
        rules = IdentityRuleStore(pool: pool)
    }

    /// Stores the request and queues its processing. Resending the same request (same id and
    /// content) returns the stored one (`created` false); the same id with other content is a
    /// conflict.
    public func submit(tenantID: UUID, requestedBy: UUID?, _ submission: PrivacyRequestSubmission, now: Date = Date())
        async throws -> Recorded<PrivacyRequest>
    {
        let identifiers = try submission.validatedIdentifiers(
            normaliser: try await rules.normaliser(tenantID: tenantID), now: now)
        let submittedAt = submission.submittedAt ?? now
        let content = try PrivacyJSON.encode(Content(submission, identifiers: identifiers))
        let identities = try PrivacyJSON.encode(identifiers.map(StoredIdentity.init))
        return try await pool.transaction { connection in
            let inserted = try await connection.query(
                """
                INSERT INTO privacy_requests (tenant_id, request_id, request_type, regulation, submitted_at, deadline_at,
                    callback_urls, identity_types, subject_identities, subject_keys, content_hash, requested_by)
                SELECT $1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::jsonb,
                    ARRAY(SELECT privacy_keyed_hash(k.inner_pad, k.outer_pad, privacy_identity_digest(u.type, u.value))
                          FROM unnest($8::text[], $10::text[]) AS u(type, value)),
                    privacy_keyed_hash(k.inner_pad, k.outer_pad, $11), $12
                FROM tenant_secrets k WHERE k.tenant_id = $1
                ON CONFLICT (tenant_id, request_id) DO NOTHING
                RETURNING request_id
                """,
                [
                    tenantID, submission.id, submission.type.rawValue, submission.regulation.rawValue, submittedAt,
                    submission.regulation.deadline(forSubmissionAt: submittedAt), submission.callbackURLs,
                    identifiers.map(\.type), PostgresJSON(identities), identifiers.map(\.value), content, requestedBy,
                ])
            guard inserted.isEmpty else {
                let jobID = try await JobQueue.enqueue(
                    kind: PrivacyJobs.processKind, tenantID: tenantID,
                    payload: try PrivacyJSON.encode(PrivacyJobs.RequestPayload(requestID: submission.id)),
                    on: connection)
                try await connection.execute(
                    "UPDATE privacy_requests SET job_id = $3 WHERE tenant_id = $1 AND request_id = $2",
                    [tenantID, submission.id, jobID])
                _ = try await AuditLog.append(
                    AuditRecord(
                        tenantID: tenantID, actor: requestedBy.map(AuditActor.apiKey) ?? .system,
                        action: .privacyRequestCreated, target: .privacyRequest(submission.id),
                        detail: [
                            "type": .string(submission.type.rawValue), "regulation": .string(submission.regulation.rawValue),
                            "identities": .integer(Int64(identifiers.count)),
                        ]), in: connection)
                return Recorded(
                    value: try await self.find(tenantID: tenantID, requestID: submission.id, on: connection),
                    created: true)
            }
            let same = try await connection.query(
                """
                SELECT r.content_hash = privacy_keyed_hash(k.inner_pad, k.outer_pad, $3) AS same
                FROM privacy_requests r JOIN tenant_secrets k ON k.tenant_id = r.tenant_id
                WHERE r.tenant_id = $1 AND r.request_id = $2
                """, [tenantID, submission.id, content])
            guard try same.first?.decode(Bool.self, column: "same") == true else {
                throw DomainError.conflict(
                    reason:
                        "privacy request \(submission.id.uuidString.lowercased()) was already submitted with different content"
                )
            }
            return Recorded(
                value: try await self.find(tenantID: tenantID, requestID: submission.id, on: connection), created: false
            )
        }
    }

    public func find(tenantID: UUID, requestID: UUID) async throws -> PrivacyRequest {
        try await pool.withConnection { connection in
            try await find(tenantID: tenantID, requestID: requestID, on: connection)
        }
    }

    /// Cancels a pending request (its identities are forgotten at once), or lifts a completed
    /// restriction. Anything else is a conflict: a request being processed or done stays as it is.
    public func cancel(tenantID: UUID, requestID: UUID, by actor: AuditActor = .system) async throws -> PrivacyRequest {
        try await pool.transaction { connection in
            guard
                let request = try await PrivacyRequestRow.find(
                    tenantID: tenantID, requestID: requestID, forUpdate: true, on: connection)
            else {
                throw DomainError.notFound(resource: "privacy request", id: requestID.uuidString)
            }
            switch (request.status, request.type) {
            case (.pending, _):
                let rows = try await connection.query(
                    """
                    UPDATE privacy_requests SET status = 'cancelled', cancelled_at = now(), subject_identities = NULL
                    WHERE tenant_id = $1 AND request_id = $2 RETURNING job_id
                    """, [tenantID, requestID])
                if let jobID = try rows.first?.decode(UUID?.self, column: "job_id") {
                    try await JobQueue.cancelQueued(jobID: jobID, on: connection)
                }
                try await StatusCallbacks.enqueue(
                    tenantID: tenantID, request: request, status: .cancelled, on: connection)
            case (.completed, .restriction) where request.liftedAt == nil:
                try await ProcessingRestrictions.lift(tenantID: tenantID, requestID: requestID, on: connection)
            default:
                throw DomainError.conflict(reason: Self.refusal(request))
            }
            _ = try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: .privacyRequestCancelled, target: .privacyRequest(requestID),
                    detail: [
                        "type": .string(request.type.rawValue),
                        "lifted": .bool(request.status == .completed && request.type == .restriction),
                    ]), in: connection)
            return try await find(tenantID: tenantID, requestID: requestID, on: connection)
        }
    }

    /// The worklist, by deadline (soonest first).
    public func list(tenantID: UUID, query: PrivacyRequestQuery) async throws -> PrivacyRequestPage {
        let limit = min(max(query.limit, 1), PrivacyRequestQuery.maximumLimit)
        let rows = try await pool.query(
            """
            SELECT \(PrivacyRequestRow.columns) FROM privacy_requests r \(PrivacyRequestRow.exportsJoin)
            WHERE r.tenant_id = $1 AND ($2::text IS NULL OR r.status = $2)
              AND ($3::boolean IS NULL OR (r.status IN ('pending', 'in_progress') AND r.deadline_at < now()) = $3)
              AND ($4::timestamptz IS NULL OR (r.deadline_at, r.request_id) > ($4, $5::uuid))
            ORDER BY r.deadline_at, r.request_id
            LIMIT $6
            """,
            [
                tenantID, query.status?.rawValue, query.overdue, query.cursor?.deadline, query.cursor?.requestID,
                limit + 1,
            ])
        var requests = try rows.map(PrivacyRequestRow.request(from:))
        var next: PrivacyRequestCursor?
        if requests.count > limit {
            requests.removeLast(requests.count - limit)
            next = requests.last.map { PrivacyRequestCursor(deadline: $0.deadline, requestID: $0.id) }
        }
        return PrivacyRequestPage(requests: requests, nextCursor: next)
    }

    private func find(tenantID: UUID, requestID: UUID, on connection: PostgresConnection) async throws -> PrivacyRequest
    {
        guard let request = try await PrivacyRequestRow.find(tenantID: tenantID, requestID: requestID, on: connection)
        else {
            throw DomainError.notFound(resource: "privacy request", id: requestID.uuidString)
        }
        return request
    }

    private static func refusal(_ request: PrivacyRequest) -> String {
        let id = request.id.uuidString.lowercased()
        return switch request.status {
        case .inProgress: "privacy request \(id) is being processed and can no longer be cancelled"
        case .cancelled: "privacy request \(id) was already cancelled"
        case .completed where request.type == .restriction:
            "the restriction of privacy request \(id) was already lifted"
        default: "privacy request \(id) is completed and can no longer be cancelled"
        }
    }

    /// What the idempotency fingerprint covers: the request as sent, identities normalised.
    private struct Content: Encodable {
        var type: String
        var regulation: String
        var submittedAt: Date?
        var identities: [String]
        var callbacks: [String]

        init(_ submission: PrivacyRequestSubmission, identifiers: [Identifier]) {
            type = submission.type.rawValue
            regulation = submission.regulation.rawValue
            submittedAt = submission.submittedAt
            identities = identifiers.map(\.description).sorted()
            callbacks = submission.callbackURLs
        }
    }
}

/// An identity kept in `privacy_requests.subject_identities` until the request is processed.
struct StoredIdentity: Codable {
    var type: String
    var value: String

    init(_ identifier: Identifier) {
        type = identifier.type
        value = identifier.value
    }

    var identifier: Identifier { Identifier(type: type, value: value) }
}
