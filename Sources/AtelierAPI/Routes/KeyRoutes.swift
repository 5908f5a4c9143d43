import AtelierDomain
import AtelierREST
import Foundation

/// `/v1/keys`: a tenant's admins issue, list and revoke the tenant's own keys.
struct KeyRoutes {
    let apiKeys: APIKeyService
    let audit: AuditLog

    func register(on router: some RouteBuilder) {
        router.get("/keys") { [apiKeys] request in
            let principal = try request.principal(requiring: .admin)
            let keys = try await apiKeys.list(tenantID: principal.tenantID)
            return try .json(ListResponse(data: keys.map(APIKeyResponse.init)))
        }
        router.post("/keys", maxBodySize: 16 * 1024) { [apiKeys, audit] request in
            let principal = try await request.principal(requiring: .admin, auditedAs: .keyCreated, in: audit)
            let body = try request.decode(CreateKeyRequest.self)
            let created = try await apiKeys.create(
                tenantID: principal.tenantID, name: body.name, scopes: try Scope.parse(body.scopes),
                audienceIDs: body.audienceIds ?? [], expiresAt: body.expiresAt, by: principal.auditActor)
            return try .json(
                CreatedKeyResponse(key: APIKeyResponse(created.key), secret: created.secret), status: .created)
        }
        router.get("/keys/{keyId}") { [apiKeys] request in
            let principal = try request.principal(requiring: .admin)
            let keyID = try request.parameter("keyId", as: UUID.self)
            return try .json(APIKeyResponse(try await apiKeys.find(tenantID: principal.tenantID, keyID: keyID)))
        }
        router.delete("/keys/{keyId}") { [apiKeys, audit] request in
            let keyID = try request.parameter("keyId", as: UUID.self)
            let principal = try await request.principal(
                requiring: .admin, auditedAs: .keyRevoked, target: .apiKey(keyID), in: audit)
            return try .json(
                APIKeyResponse(
                    try await apiKeys.revoke(tenantID: principal.tenantID, keyID: keyID, by: principal.auditActor)))
        }
    }
}
