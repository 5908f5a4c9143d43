import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Writes every visible person's score of a kind with the serving version, as of now: after a
/// training that serves, and hourly (`scores:refresh`), so a new fact shows in the scores within
/// the hour. Reads facts for `analytics`; a person who objects is neither scored nor kept (the
/// kind's previous scores are replaced as a whole, in one transaction).
public struct ProfileScorer: Sendable {
    private let pool: PostgresPool
    private let reader: FeatureReader
    private let registry: ModelRegistry
    /// The job that rescores: hourly for every tenant, or for one tenant after a promotion.
    public static let refreshJobKind = "scores:refresh"
    /// Contributions kept per classifier score.
    static let topContributions = 5

    public init(pool: PostgresPool, readers: PersonalDataPools) {
        self.pool = pool
        reader = FeatureReader(pools: readers)
        registry = ModelRegistry(pool: pool)
    }

    /// Scores with the serving version of `kind`; answers how many persons were scored (0 when
    /// no version serves).
    @discardableResult
    public func refresh(tenantID: UUID, kind: ModelKind, asOf: Date = Date()) async throws -> Int {
        guard let version = try await registry.serving(tenantID: tenantID, kind: kind) else { return 0 }
        guard
            let stored = try await pool.query(
                "SELECT model::text AS model FROM score_models WHERE tenant_id = $1 AND kind = $2 AND version = $3",
                [tenantID, kind.rawValue, version]
            ).first?.decode(String.self, column: "model")
        else { return 0 }
        let rows: [[String?]]
        switch kind {
        case .propensity, .churn:
            guard let target = ClassifierTarget(kind) else { return 0 }
            rows = try await classifierRows(
                try RegistryJSON.decode(ClassifierScoreModel.self, from: stored), target: target, tenantID: tenantID,
                asOf: asOf)
        case .clv:
            rows = try await lifetimeRows(
                try RegistryJSON.decode(LifetimeScoreModel.self, from: stored), tenantID: tenantID, asOf: asOf)
        case .associationRules, .recommender, .segmentation:
            return 0
        }
        let tenant = tenantID.uuidString
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let asOfText = formatter.string(from: asOf)
        try await pool.transaction { connection in
            try await connection.execute("SET LOCAL statement_timeout = 0")
            try await connection.execute(
                "DELETE FROM profile_scores WHERE tenant_id = $1 AND kind = $2", [tenantID, kind.rawValue])
            try await connection.copyFrom(
                "COPY profile_scores (tenant_id, profile_id, kind, version, score, detail, features_as_of) FROM STDIN",
                rows: rows.lazy.map { [tenant, $0[0], kind.rawValue, String(version), $0[1], $0[2], asOfText] })
        }
        return rows.count
    }

    /// Every serving score kind of every tenant (or of `tenantID` alone), for the hourly
    /// refresh; answers persons scored.
    public func refreshAll(tenantID: UUID? = nil) async throws -> Int {
        let serving = try await pool.query(
            """
            SELECT tenant_id, kind FROM model_versions
            WHERE status = 'serving' AND kind = ANY($1::text[]) AND ($2::uuid IS NULL OR tenant_id = $2)
            ORDER BY 1, 2
            """, [ModelKind.scores.map(\.rawValue), tenantID])
        var scored = 0
        for row in serving {
            guard let kind = ModelKind(rawValue: try row.decode(String.self, column: "kind")) else { continue }
            scored += try await refresh(tenantID: try row.decode(UUID.self, column: "tenant_id"), kind: kind)
        }
        return scored
    }

    /// (profile id, score, detail JSON) per person of the target.
    private func classifierRows(
        _ model: ClassifierScoreModel, target: ClassifierTarget, tenantID: UUID, asOf: Date
    ) async throws -> [[String?]] {
        guard model.featureSet == ProfileFeatureSet.version else {
            throw DomainError.conflict(
                reason: "the serving version uses feature set \(model.featureSet); train a new version on \(ProfileFeatureSet.version)")
        }
        let snapshot = try await reader.snapshot(tenantID: tenantID, asOf: asOf)
        var rows: [[String?]] = []
        rows.reserveCapacity(snapshot.rows.count)
        for (profileID, features) in zip(snapshot.profileIDs, snapshot.rows) where target.includes(features) {
            let scored = try model.score(features, top: Self.topContributions)
            let contributions = scored.contributions.map {
                #"{"feature":"\#($0.feature)","value":\#(Self.number($0.value)),"contribution":\#(Self.number($0.contribution))}"#
            }
            rows.append([
                profileID.uuidString, Self.number(scored.probability),
                #"{"contributions":[\#(contributions.joined(separator: ","))]}"#,
            ])
        }
        return rows
    }

    private func lifetimeRows(_ model: LifetimeScoreModel, tenantID: UUID, asOf: Date) async throws -> [[String?]] {
        let days = try await reader.purchaseDays(tenantID: tenantID, until: asOf)
        let endDay = Int((asOf.timeIntervalSince1970 / 86_400).rounded(.down))
        return try LifetimeScoreModel.summaries(days, endDay: endDay).map { summary in
            let scored = model.score(summary)
            return [summary.customerID.uuidString, Self.number(scored.value), try RegistryJSON.encode(scored.detail)]
        }
    }

    /// A finite number as JSON and PostgreSQL read it (non-finite values, which a fitted model
    /// does not produce, are written as 0).
    private static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : "0"
    }
}
