import AtelierPostgres
import Foundation

/// A tenant's rules for the next best offer. Why these: a customer likely to buy anyway should
/// not be given margin away, a valuable customer slipping away deserves the most the house
/// allows, and nobody gets more than the ceiling.
public struct OfferRules: Sendable, Equatable {
    /// At or above this purchase propensity, no discount.
    public var noDiscountAbovePropensity: Double
    /// The ceiling of any discount, in percent.
    public var maxDiscountPercent: Int
    /// At or above this churn risk, a valuable customer gets the ceiling.
    public var churnRiskThreshold: Double
    /// Lifetime value (minor units) from which a customer counts as valuable.
    public var highValueMinor: Int64

    public init(
        noDiscountAbovePropensity: Double = 0.6, maxDiscountPercent: Int = 15, churnRiskThreshold: Double = 0.5,
        highValueMinor: Int64 = 50_000
    ) {
        self.noDiscountAbovePropensity = noDiscountAbovePropensity
        self.maxDiscountPercent = maxDiscountPercent
        self.churnRiskThreshold = churnRiskThreshold
        self.highValueMinor = highValueMinor
    }

    public static let defaults = OfferRules()

    public func validate() throws(DomainError) {
        guard (0...1).contains(noDiscountAbovePropensity) else {
            throw .invalid(field: "/noDiscountAbovePropensity", reason: "must be in [0, 1]", hint: "a probability, e.g. 0.6")
        }
        guard (0...90).contains(maxDiscountPercent) else {
            throw .invalid(field: "/maxDiscountPercent", reason: "must be from 0 to 90", hint: nil)
        }
        guard (0...1).contains(churnRiskThreshold) else {
            throw .invalid(field: "/churnRiskThreshold", reason: "must be in [0, 1]", hint: nil)
        }
        guard highValueMinor >= 0 else {
            throw .invalid(field: "/highValueMinor", reason: "must be at least 0", hint: "minor units, e.g. 50000")
        }
    }
}

/// Where each tenant's offer rules are kept (`offer_rules`); no row means the defaults.
public struct OfferRuleStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func rules(tenantID: UUID) async throws -> OfferRules {
        guard
            let row = try await pool.query(
                """
                SELECT no_discount_above_propensity, max_discount_percent, churn_risk_threshold, high_value_minor
                FROM offer_rules WHERE tenant_id = $1
                """, [tenantID]
            ).first
        else { return .defaults }
        return OfferRules(
            noDiscountAbovePropensity: try row.decode(Double.self, column: "no_discount_above_propensity"),
            maxDiscountPercent: try row.decode(Int.self, column: "max_discount_percent"),
            churnRiskThreshold: try row.decode(Double.self, column: "churn_risk_threshold"),
            highValueMinor: try row.decode(Int64.self, column: "high_value_minor"))
    }

    public func replace(tenantID: UUID, with rules: OfferRules) async throws -> OfferRules {
        try rules.validate()
        try await pool.execute(
            """
            INSERT INTO offer_rules (tenant_id, no_discount_above_propensity, max_discount_percent, churn_risk_threshold,
                high_value_minor)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (tenant_id) DO UPDATE SET no_discount_above_propensity = EXCLUDED.no_discount_above_propensity,
                max_discount_percent = EXCLUDED.max_discount_percent, churn_risk_threshold = EXCLUDED.churn_risk_threshold,
                high_value_minor = EXCLUDED.high_value_minor, updated_at = now()
            """,
            [tenantID, rules.noDiscountAbovePropensity, rules.maxDiscountPercent, rules.churnRiskThreshold, rules.highValueMinor])
        return rules
    }
}
