import AtelierDomain
import AtelierREST

/// `GET /v1/tenant`: who am I. Any valid key may read its own tenant.
struct TenantRoutes {
    let tenants: TenantDirectory

    func register(on router: some RouteBuilder) {
        router.get("/tenant") { [tenants] request in
            let principal = try request.principal()
            return try .json(TenantResponse(try await tenants.find(id: principal.tenantID)))
        }
    }
}
