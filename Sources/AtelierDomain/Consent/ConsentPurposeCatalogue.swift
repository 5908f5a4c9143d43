import AtelierPostgres
import Foundation

/// The purposes a tenant processes data for. Tenants add their own (a loyalty programme, a
/// research panel) and may change the lawful basis of any; a purpose is never deleted, as
/// the ledger's history refers to it.
public struct ConsentPurposeCatalogue: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func list(tenantID: UUID) async throws -> [ConsentPurposeDefinition] {
        try await pool.query(
            """
            SELECT purpose, lawful_basis, description, built_in, updated_at FROM consent_purposes
            WHERE tenant_id = $1 ORDER BY purpose
            """, [tenantID]
        ).map(Self.definition(from:))
    }

    /// Creates or updates `purpose`. Changing the basis changes what silence means for every
    /// profile at once: explicit choices stand, the rest follow the new basis.
    public func define(tenantID: UUID, purpose: Purpose, lawfulBasis: LawfulBasis, description: String) async throws
        -> ConsentPurposeDefinition
    {
        guard description.count <= 500 else {
            throw DomainError.invalid(field: "/description", reason: "is longer than 500 characters", hint: nil)
        }
        let rows = try await pool.query(
            """
            INSERT INTO consent_purposes (tenant_id, purpose, lawful_basis, description)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (tenant_id, purpose) DO UPDATE
                SET lawful_basis = EXCLUDED.lawful_basis, description = EXCLUDED.description, updated_at = now()
            RETURNING purpose, lawful_basis, description, built_in, updated_at
            """, [tenantID, purpose.rawValue, lawfulBasis.rawValue, description])
        guard let row = rows.first else { throw DomainError.unavailable(reason: "the purpose was not stored") }
        return try Self.definition(from: row)
    }

    private static func definition(from row: PostgresRow) throws -> ConsentPurposeDefinition {
        ConsentPurposeDefinition(
            purpose: Purpose(validated: try row.decode(String.self, column: "purpose")),
            lawfulBasis: LawfulBasis(rawValue: try row.decode(String.self, column: "lawful_basis")) ?? .consent,
            description: try row.decode(String.self, column: "description"),
            builtIn: try row.decode(Bool.self, column: "built_in"),
            updatedAt: try row.decode(Date.self, column: "updated_at"))
    }
}
