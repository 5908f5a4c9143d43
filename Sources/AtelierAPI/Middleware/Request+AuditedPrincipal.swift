import AtelierDomain
import AtelierREST

extension Request {
    /// The caller, after checking it holds `scope`, for a route whose action is audited: a
    /// key without the scope is refused (403) and the attempt is recorded as `action`
    /// refused `forbidden`, since a key probing for rights it lacks is what an audit is for.
    func principal(
        requiring scope: Scope, auditedAs action: AuditAction, target: AuditTarget? = nil, in log: AuditLog
    ) async throws -> Principal {
        let principal = try principal()
        let attempt = AuditRecord(
            tenantID: principal.tenantID, actor: principal.auditActor, action: action, target: target,
            detail: ["requiredScope": .string(scope.rawValue)])
        try await log.recordingRefusal(of: attempt) { try principal.require(scope) }
        return principal
    }
}
