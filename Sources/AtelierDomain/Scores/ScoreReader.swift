import AtelierPostgres
import Foundation

/// Reads a profile's scores, only for `analytics`: scores are learnt from analytics data and
/// shown only for profiles that permit it (row-level security on `profiles` and
/// `profile_scores`), and only the serving version's of each kind. Partners never read scores:
/// no route with the `audiences:read` scope reaches them.
public struct ScoreReader: Sendable {
    private let pools: PersonalDataPools

    public init(pools: PersonalDataPools) {
        self.pools = pools
    }

    public func scores(tenantID: UUID, profileID: UUID) async throws -> ProfileScores {
        let rows = try await pools.pool(for: .analytics).query(
            """
            SELECT p.canonical_id, s.kind, s.version, s.score, s.detail::text AS detail, s.features_as_of, s.scored_at
            FROM profiles p
            LEFT JOIN (profile_scores s JOIN model_versions v
                ON v.tenant_id = s.tenant_id AND v.kind = s.kind AND v.version = s.version AND v.status = 'serving')
                ON s.tenant_id = p.tenant_id AND s.profile_id = p.canonical_id
            WHERE p.tenant_id = $1 AND p.profile_id = $2
            ORDER BY s.kind
            """, [tenantID, profileID])
        guard let first = rows.first else {
            throw DomainError.notVisible(resource: "profile", id: profileID.uuidString, purpose: ReadPurpose.analytics.rawValue)
        }
        var scores: [ProfileScore] = []
        for row in rows {
            guard let name = try row.decode(String?.self, column: "kind"), let kind = ModelKind(rawValue: name) else {
                continue
            }
            let detail = try RegistryJSON.decode(StoredDetail.self, from: try row.decode(String.self, column: "detail"))
            scores.append(
                ProfileScore(
                    kind: kind, modelVersion: try row.decode(Int.self, column: "version"),
                    score: try row.decode(Double.self, column: "score"), contributions: detail.contributions ?? [],
                    lifetime: kind == .clv ? try RegistryJSON.decode(
                        LifetimeScoreDetail.self, from: try row.decode(String.self, column: "detail")) : nil,
                    featuresAsOf: try row.decode(Date.self, column: "features_as_of"),
                    scoredAt: try row.decode(Date.self, column: "scored_at")))
        }
        return ProfileScores(profileID: try first.decode(UUID.self, column: "canonical_id"), scores: scores)
    }

    private struct StoredDetail: Decodable {
        var contributions: [ScoreContribution]?
    }
}
