import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/identity`: how a tenant's identities resolve — rules (priority and limits per
/// type), the default phone region, and blocked values. Admin only: a change alters how
/// every later event merges.
struct IdentityRoutes {
    let rules: IdentityRuleStore
    let audit: AuditLog

    func register(on router: some RouteBuilder) {
        router.get("/identity/rules") { [rules] request in
            let principal = try request.principal(requiring: .admin)
            return try await Self.settings(rules, tenantID: principal.tenantID)
        }
        router.put("/identity/rules", maxBodySize: 16 * 1024) { [rules, audit] request in
            let principal = try await request.principal(requiring: .admin, auditedAs: .identityRulesChanged, in: audit)
            let body = try request.decode(IdentitySettingsRequest.self)
            _ = try await rules.replaceRules(
                tenantID: principal.tenantID,
                with: body.rules.map { IdentityRule(type: $0.type, priority: $0.priority, maxPerProfile: $0.maxPerProfile) },
                defaultPhoneRegion: body.defaultPhoneRegion, by: principal.auditActor)
            return try await Self.settings(rules, tenantID: principal.tenantID)
        }
        router.get("/identity/blocked") { [rules] request in
            let principal = try request.principal(requiring: .admin)
            return try .json(
                ListResponse(data: try await rules.blocked(tenantID: principal.tenantID).map(BlockedIdentifierResponse.init)))
        }
        router.post("/identity/blocked", maxBodySize: 4 * 1024) { [rules, audit] request in
            let principal = try await request.principal(requiring: .admin, auditedAs: .identifierBlocked, in: audit)
            let body = try request.decode(BlockedIdentifierRequest.self)
            let identifier = try await rules.normaliser(tenantID: principal.tenantID)
                .normalise(type: body.type, rawValue: body.value, field: "/value")
            try await rules.block(tenantID: principal.tenantID, identifier: identifier, by: principal.auditActor)
            return try .json(BlockedIdentifierResponse(identifier), status: .created)
        }
        router.delete("/identity/blocked") { [rules, audit] request in
            let principal = try await request.principal(requiring: .admin, auditedAs: .identifierUnblocked, in: audit)
            let lookup = try request.identifierQuery(example: "device_id:boutique-tablet-1")
            let identifier = try await rules.normaliser(tenantID: principal.tenantID).normalise(
                type: lookup.type, rawValue: lookup.rawValue, field: "identifier")
            try await rules.unblock(tenantID: principal.tenantID, identifier: identifier, by: principal.auditActor)
            return .noContent
        }
    }

    private static func settings(_ rules: IdentityRuleStore, tenantID: UUID) async throws -> Response {
        try .json(
            IdentitySettingsResponse(
                rules: try await rules.rules(tenantID: tenantID),
                defaultPhoneRegion: try await rules.normaliser(tenantID: tenantID).defaultPhoneRegion))
    }
}
