import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Serves `GET /v1/profiles/{id}/recommendations`: the serving recommender version's personal
/// scores, minus what the person bought, what the caller excludes and inactive items, within a
/// category if asked; popularity when the profile is not personalizable (unknown, or no
/// `personalization` consent: one answer for both) or has no history the version knows.
///
/// Per request: one read on the `personalization` pool (the person's stored history and
/// factors, what they bought, the serving version), scoring against the in-memory item side
/// (`RecommenderModels`), and one catalogue read for the candidates' names and activity.
public struct PersonalRecommender: Sendable {
    private let pools: PersonalDataPools
    private let pool: PostgresPool
    private let models: RecommenderModels

    /// - Parameters:
    ///   - pool: the owner's pool: the catalogue and the registry (no personal data).
    ///   - readers: the purpose pools; persons are read for `personalization`.
    ///   - models: the in-memory versions, shared by every request of the process.
    public init(pool: PostgresPool, readers: PersonalDataPools, models: RecommenderModels) {
        self.pool = pool
        pools = readers
        self.models = models
    }

    public func recommend(tenantID: UUID, profileID: UUID, query: PersonalRecommendationQuery) async throws
        -> PersonalRecommendations
    {
        let person = try await pools.pool(for: .personalization).withConnection { connection in
            try await Self.person(tenantID: tenantID, profileID: profileID, on: connection)
        }
        guard let version = person.servingVersion, let model = try await models.model(tenantID: tenantID, version: version)
        else {
            return PersonalRecommendations(items: [], strategy: .none, reason: .noModel, modelVersion: nil, algorithm: nil)
        }
        var excluded = Set(query.exclude.compactMap(model.position)).union(query.context.compactMap(model.position))
        excluded.formUnion(person.bought.compactMap(model.position))
        let inCategory = { (position: Int) in query.category.map { model.item(position, isIn: $0) } ?? true }
        let wanted = 2 * query.limit + 10
        var personal: [ScoredItem<Int32>] = []
        var reason = PersonalReason.notPersonalizable
        if person.visible {
            let history = Self.history(of: person, context: query.context, model: model)
            excluded.formUnion(history.signals.map(\.index))
            if !history.signals.isEmpty {
                let isCandidate = { (position: Int) in !excluded.contains(Int32(position)) && inCategory(position) }
                if let als = model.als {
                    let factors = history.isStored ? person.factors ?? als.foldIn(history: history.dictionary) : als.foldIn(history: history.dictionary)
                    personal = als.recommend(factors: factors, limit: wanted, where: isCandidate)
                } else {
                    personal = model.itemKNN.recommend(positions: history.signals, limit: wanted, where: isCandidate)
                }
            }
            reason = personal.isEmpty ? .noHistory : .personal
        }
        let popular = model.popularity.recommend(
            group: query.category.map(PopularityGroup.category), limit: wanted, excluding: excluded,
            fillFromGlobal: query.category == nil)
        let candidates =
            personal.map { (sku: model.skus[Int($0.item)], score: Optional($0.score)) }
            + popular.map { (sku: model.skus[Int($0.item)], score: personal.isEmpty ? Optional($0.score) : nil) }
        let items = try await ActiveItems(pool: pool).filter(
            candidates, category: query.category, tenantID: tenantID, limit: query.limit)
        let strategy: PersonalStrategy =
            personal.isEmpty ? .popularity : (model.algorithm == .als ? .als : .itemKNN)
        return PersonalRecommendations(
            items: items, strategy: strategy, reason: reason, modelVersion: version, algorithm: model.algorithm.rawValue)
    }

    /// A person's signals: the stored history of the serving version, plus purchases it does
    /// not hold yet and the request's context (as views). `isStored` when nothing was added,
    /// so the stored factors still describe the person.
    private static func history(of person: Person, context: [String], model: ServingRecommender) -> History {
        var weights: [Int32: Float] = [:]
        for (index, weight) in person.history where index >= 0 && Int(index) < model.skus.count {
            weights[index, default: 0] += weight
        }
        let stored = weights
        for position in person.bought.compactMap(model.position) where weights[position] == nil {
            weights[position] = Float(model.parameters.purchaseWeight)
        }
        for position in context.compactMap(model.position) {
            weights[position, default: 0] += Float(model.parameters.viewWeight)
        }
        return History(
            signals: weights.filter { $0.value > 0 }.map { (index: $0.key, weight: $0.value) }.sorted { $0.index < $1.index },
            isStored: weights == stored)
    }

    private struct History {
        /// Ascending positions.
        var signals: [(index: Int32, weight: Float)]
        var isStored: Bool

        var dictionary: [Int32: Float] {
            Dictionary(uniqueKeysWithValues: signals.map { ($0.index, $0.weight) })
        }
    }

    /// What one request knows of the person, read for `personalization`.
    private struct Person {
        var servingVersion: Int?
        /// False when no profile with the id permits personalization.
        var visible: Bool
        var factors: [Float]?
        var history: [(index: Int32, weight: Float)]
        var bought: [String]
    }

    /// One statement: the serving version, and when the profile is visible for
    /// personalization, the merged set's stored row of that version (the live profile's
    /// first) and every SKU it ordered. Row-level security hides the profile, its orders and
    /// its stored row unless it permits personalization.
    private static func person(tenantID: UUID, profileID: UUID, on connection: PostgresConnection) async throws -> Person {
        let rows = try await connection.query(
            """
            WITH serving AS (
                SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = 'recommender' AND status = 'serving'
            ),
            target AS (SELECT canonical_id FROM profiles WHERE tenant_id = $1 AND profile_id = $2),
            members AS (
                SELECT p.profile_id FROM profiles p JOIN target t ON p.canonical_id = t.canonical_id WHERE p.tenant_id = $1
            )
            SELECT (SELECT version FROM serving) AS version, (SELECT canonical_id FROM target) AS canonical_id,
                stored.factors, stored.history,
                ARRAY(SELECT DISTINCT l.sku FROM order_lines l
                      WHERE l.tenant_id = $1 AND l.profile_id IN (SELECT profile_id FROM members)) AS bought
            FROM (VALUES (1)) AS one
            LEFT JOIN LATERAL (
                SELECT r.factors, r.history FROM recommender_profiles r
                WHERE r.tenant_id = $1 AND r.profile_id IN (SELECT profile_id FROM members)
                  AND r.version = (SELECT version FROM serving)
                ORDER BY r.profile_id = (SELECT canonical_id FROM target) DESC
                LIMIT 1
            ) stored ON true
            """, [tenantID, profileID])
        guard let row = rows.first else { return Person(visible: false, history: [], bought: []) }
        let visible = try row.decode(UUID?.self, column: "canonical_id") != nil
        return Person(
            servingVersion: try row.decode(Int?.self, column: "version"), visible: visible,
            factors: try row.decode(Data?.self, column: "factors").flatMap(PackedValues.unpackFloats),
            history: try row.decode(Data?.self, column: "history").flatMap(PackedValues.unpackHistory) ?? [],
            bought: visible ? try row.decode([String].self, column: "bought") : [])
    }
}
