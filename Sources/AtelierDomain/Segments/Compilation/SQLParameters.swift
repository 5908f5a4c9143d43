import AtelierPostgres
import Foundation

/// The bind parameters of a statement being built. Every value of a rule reaches PostgreSQL
/// only through here, as `$n` with an explicit type; SQL text is made of fixed fragments, so
/// nothing a client sends can change a statement's shape.
struct SQLParameters: Sendable {
    private(set) var values: [any PostgresEncodable]

    /// `$1` is always the tenant.
    init(tenantID: UUID) {
        values = [tenantID]
    }

    /// The placeholder for `value`, cast to `type` (a fixed SQL type name).
    mutating func bind(_ value: any PostgresEncodable, as type: SQLType) -> String {
        values.append(value)
        return "$\(values.count)::\(type.rawValue)"
    }

    /// The SQL types placeholders are cast to; a closed list, never built from input.
    enum SQLType: String {
        case text, bigint, numeric, float8, timestamptz, jsonb, uuid
        case textArray = "text[]"
        case jsonbArray = "jsonb[]"
    }
}
