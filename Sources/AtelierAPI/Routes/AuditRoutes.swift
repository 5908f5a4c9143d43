import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/audit`: the tenant's audit log for privacy officers and admins (scope
/// `privacy:manage`, which `admin` implies), and the check of its hash chain.
struct AuditRoutes {
    let trail: AuditTrail

    func register(on router: some RouteBuilder) {
        router.get("/audit") { [trail] request in
            let principal = try request.principal(requiring: .privacyManage)
            let page = try await trail.page(tenantID: principal.tenantID, query: try Self.query(request))
            return try .json(
                PageResponse(
                    data: page.entries.map(AuditEntryResponse.init), nextCursor: page.nextBeforeSequence.map(String.init)))
        }
        router.get("/audit/verify") { [trail] request in
            let principal = try request.principal(requiring: .privacyManage)
            return try .json(AuditVerificationResponse(verification: try await trail.verify(tenantID: principal.tenantID)))
        }
    }

    private static func query(_ request: Request) throws -> AuditQuery {
        let action = try request.query("action").map { name throws in
            guard AuditAction.isValidName(name) else {
                throw Problem.badRequest("The query parameter 'action' must be a dotted action name such as key.created.")
            }
            return AuditAction(rawValue: name)
        }
        let actor = try request.query("actor").map { text throws in
            guard let actor = AuditActor(filter: text) else {
                throw Problem.badRequest("The query parameter 'actor' must be an API key id, 'system' or 'cli'.")
            }
            return actor
        }
        let cursor = try request.query("cursor").map { text throws in
            guard let sequence = Int64(text), sequence > 0 else {
                throw Problem.badRequest("The query parameter 'cursor' must be the nextCursor of a previous page.")
            }
            return sequence
        }
        return AuditQuery(
            action: action, actor: actor, since: try request.dateQuery("since"), until: try request.dateQuery("until"),
            beforeSequence: cursor, limit: try request.limitQuery(default: 100, maximum: AuditQuery.maximumLimit))
    }
}
