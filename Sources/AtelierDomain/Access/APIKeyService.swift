import AtelierCrypto
import AtelierPostgres
import Foundation

/// Issues, authenticates, lists and revokes API keys. Every method but `authenticate`
/// takes the tenant explicitly, so no call can reach another tenant's keys.
public struct APIKeyService: Sendable {
    private let pool: PostgresPool
    private let cache: AuthenticationCache

    /// - Parameter cacheTimeToLive: how long a verified key is trusted without a query;
    ///   zero disables the cache (a revocation elsewhere is then seen on the next request).
    public init(pool: PostgresPool, cacheTimeToLive: Duration = .seconds(2)) {
        self.pool = pool
        cache = AuthenticationCache(timeToLive: cacheTimeToLive)
    }

    /// Issues a key, audited as `key.created` by `actor` in the same transaction (routes pass
    /// the calling key; the default `system` is for setup code and tests).
    public func create(
        tenantID: UUID, name: String, scopes: Set<Scope>, audienceIDs: [UUID] = [], expiresAt: Date? = nil,
        by actor: AuditActor = .system
    ) async throws -> CreatedAPIKey {
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(trimmedName.count) else {
            throw DomainError.invalid(field: "/name", reason: "must be 1 to 200 characters", hint: nil)
        }
        guard !scopes.isEmpty else {
            throw DomainError.invalid(field: "/scopes", reason: "at least one scope is required", hint: nil)
        }
        if let expiresAt, expiresAt <= Date() {
            throw DomainError.invalid(field: "/expiresAt", reason: "must be in the future", hint: nil)
        }
        let generated = try APIKeyFormat.generate()
        let scopeNames = scopes.map(\.rawValue).sorted()
        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO api_keys (tenant_id, lookup_id, secret_hash, name, scopes, audience_ids, expires_at)
                SELECT tenant_id, $2, $3, $4, $5, $6, $7 FROM tenants WHERE tenant_id = $1
                RETURNING \(Self.columns)
                """,
                [tenantID, generated.lookupID, APIKeyFormat.hash(generated.key), trimmedName, scopeNames, audienceIDs,
                 expiresAt])
            guard let row = rows.first else { throw DomainError.notFound(resource: "tenant", id: tenantID.uuidString) }
            let key = try Self.apiKey(from: row)
            try await AuditLog.append(
                AuditRecord(
                    tenantID: tenantID, actor: actor, action: .keyCreated, target: .apiKey(key.id),
                    detail: [
                        "scopes": .list(scopeNames.map(AuditValue.string)),
                        "audienceIds": .list(audienceIDs.map { .string($0.uuidString.lowercased()) }),
                        "expiresAt": expiresAt.map { .string($0.formatted(.iso8601)) } ?? .null,
                    ]),
                in: connection)
            return CreatedAPIKey(key: key, secret: generated.key)
        }
    }

    /// Resolves a presented key to its principal, or throws `.unauthorized` without saying
    /// which check failed beyond what helps an honest caller (revoked, expired, unknown).
    public func authenticate(_ presented: String) async throws -> Principal {
        guard let parsed = APIKeyFormat.parse(presented) else {
            throw DomainError.unauthorized(reason: "the API key is malformed")
        }
        let now = Date()
        let hashHex = Hex.encode(parsed.hash)
        if let principal = cache.principal(forKeyHash: hashHex, now: now) {
            return principal
        }
        let rows = try await pool.query(
            """
            SELECT tenant_id, key_id, secret_hash, scopes, audience_ids, expires_at, revoked_at
            FROM api_keys WHERE lookup_id = $1
            """, [parsed.lookupID])
        guard let row = rows.first,
            ConstantTime.equals(try row.decode([UInt8].self, column: "secret_hash"), parsed.hash)
        else {
            throw DomainError.unauthorized(reason: "the API key is not known")
        }
        if try row.decode(Date?.self, column: "revoked_at") != nil {
            throw DomainError.unauthorized(reason: "the API key has been revoked")
        }
        let expiresAt = try row.decode(Date?.self, column: "expires_at")
        if let expiresAt, expiresAt <= now {
            throw DomainError.unauthorized(reason: "the API key has expired")
        }
        let principal = Principal(
            tenantID: try row.decode(UUID.self, column: "tenant_id"),
            keyID: try row.decode(UUID.self, column: "key_id"),
            scopes: Set(try row.decode([String].self, column: "scopes").map(Scope.init(rawValue:))),
            audienceIDs: try row.decode([UUID].self, column: "audience_ids"))
        cache.store(principal, keyExpiresAt: expiresAt, forKeyHash: hashHex, now: now)
        return principal
    }

    public func list(tenantID: UUID) async throws -> [APIKey] {
        try await pool.query(
            "SELECT \(Self.columns) FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, key_id", [tenantID]
        ).map(Self.apiKey(from:))
    }

    public func find(tenantID: UUID, keyID: UUID) async throws -> APIKey {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM api_keys WHERE tenant_id = $1 AND key_id = $2", [tenantID, keyID])
        guard let row = rows.first else { throw DomainError.notFound(resource: "api key", id: keyID.uuidString) }
        return try Self.apiKey(from: row)
    }

    /// Revokes a key; revoking twice keeps the first revocation time (idempotent). Audited
    /// as `key.revoked` by `actor`, also when refused (an unknown key id).
    public func revoke(tenantID: UUID, keyID: UUID, by actor: AuditActor = .system) async throws -> APIKey {
        let record = AuditRecord(tenantID: tenantID, actor: actor, action: .keyRevoked, target: .apiKey(keyID))
        let key = try await AuditLog(pool: pool).recordingRefusal(of: record) {
            try await pool.transaction { connection in
                let rows = try await connection.query(
                    """
                    UPDATE api_keys SET revoked_at = coalesce(revoked_at, now())
                    WHERE tenant_id = $1 AND key_id = $2
                    RETURNING \(Self.columns), revoked_at <> now() AS was_revoked
                    """, [tenantID, keyID])
                guard let row = rows.first else { throw DomainError.notFound(resource: "api key", id: keyID.uuidString) }
                try await AuditLog.append(
                    record.with(detail: ["alreadyRevoked": .bool(try row.decode(Bool.self, column: "was_revoked"))]),
                    in: connection)
                return try Self.apiKey(from: row)
            }
        }
        cache.evict(keyID: keyID)
        return key
    }

    private static let columns =
        "tenant_id, key_id, lookup_id, name, scopes, audience_ids, created_at, expires_at, revoked_at"

    private static func apiKey(from row: PostgresRow) throws -> APIKey {
        APIKey(
            id: try row.decode(UUID.self, column: "key_id"),
            tenantID: try row.decode(UUID.self, column: "tenant_id"),
            name: try row.decode(String.self, column: "name"),
            scopes: try row.decode([String].self, column: "scopes").map(Scope.init(rawValue:)),
            audienceIDs: try row.decode([UUID].self, column: "audience_ids"),
            prefix: APIKeyFormat.prefix + (try row.decode(String.self, column: "lookup_id")),
            createdAt: try row.decode(Date.self, column: "created_at"),
            expiresAt: try row.decode(Date?.self, column: "expires_at"),
            revokedAt: try row.decode(Date?.self, column: "revoked_at"))
    }
}
