import AtelierDomain
import AtelierREST

/// `/v1/retention/events`: how long the tenant keeps events, and whether old ones are
/// deleted or anonymised. Privacy officers read it; admins set it (audited).
struct RetentionRoutes {
    let policies: EventRetentionPolicies
    let audit: AuditLog

    func register(on router: some RouteBuilder) {
        router.get("/retention/events") { [policies] request in
            let principal = try request.principal(requiring: .privacyManage)
            return try .json(RetentionPolicyResponse(policy: try await policies.policy(tenantID: principal.tenantID)))
        }
        router.put("/retention/events", maxBodySize: 4 * 1024) { [policies, audit] request in
            let principal = try await request.principal(requiring: .admin, auditedAs: .retentionPolicyChanged, in: audit)
            let body = try request.decode(RetentionPolicyRequest.self)
            guard let months = body.months else {
                try await policies.remove(tenantID: principal.tenantID, by: principal.auditActor)
                return try .json(RetentionPolicyResponse(policy: nil))
            }
            let policy = try await policies.set(
                tenantID: principal.tenantID, months: Int(clamping: months), mode: try Self.mode(body.mode),
                by: principal.auditActor)
            return try .json(RetentionPolicyResponse(policy: policy))
        }
    }

    /// The mode is required with a number of months.
    private static func mode(_ name: String?) throws(DomainError) -> EventRetentionMode {
        guard let name, let mode = EventRetentionMode(rawValue: name) else {
            throw .invalid(
                field: "/mode", reason: name == nil ? "is required with months" : "must be delete or anonymise",
                hint: "one of " + EventRetentionMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return mode
    }
}
