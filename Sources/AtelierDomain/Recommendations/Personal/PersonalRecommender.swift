import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Serves `GET /v1/profiles/{id}/recommendations`: the serving recommender version's personal
/// scores, minus what the person bought, what the caller excludes and items the catalogue
/// marks inactive or out of stock, within a category and within the brands of the person's
/// recent purchases and the context if asked; popularity when the profile is not
/// personalizable (unknown, or no `personalization` consent: one answer for both) or has no
/// history the version knows.
///
/// Per request: one statement on the `personalization` pool (the person's stored history and
/// factors, what they bought, the brands they recently bought, the serving version), scoring
/// against the in-memory item side (`RecommenderModels`, where every per-item rule is an
/// array lookup), and one catalogue statement for the candidates' names, activity and stock.
public struct PersonalRecommender: Sendable {
    private let pools: PersonalDataPools
    private let pool: PostgresPool
    private let models: RecommenderModels
    /// How many of the person's latest purchased items name the brands of `sameBrand`.
    static let recentPurchases = 5

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
        let person = try await Self.person(
            tenantID: tenantID, profileID: profileID, context: query.context, sameBrand: query.sameBrand,
            on: pools.pool(for: .personalization))
        let brands = query.sameBrand ? person.brands.sorted() : nil
        guard let version = person.servingVersion, let model = try await models.model(tenantID: tenantID, version: version)
        else {
            return PersonalRecommendations(
                items: [], strategy: .none, reason: .noModel, modelVersion: nil, algorithm: nil, brands: brands)
        }
        var excluded = Set(query.exclude.compactMap(model.position)).union(query.context.compactMap(model.position))
        excluded.formUnion(person.bought.compactMap(model.position))
        let history = person.visible ? Self.history(of: person, context: query.context, model: model) : nil
        excluded.formUnion(history?.signals.map(\.index) ?? [])
        let candidates = model.candidates(category: query.category, brands: brands.map(Set.init), excluded: excluded)
        let wanted = 2 * query.limit + 10
        var personal: [ScoredItem<Int32>] = []
        if let history, !history.signals.isEmpty {
            if let als = model.als {
                let factors = history.isStored ? person.factors ?? als.foldIn(history: history.dictionary) : als.foldIn(history: history.dictionary)
                personal = als.recommend(factors: factors, limit: wanted, where: candidates.allows)
            } else {
                personal = model.itemKNN.recommend(positions: history.signals, limit: wanted, where: candidates.allows)
            }
        }
        let reason: PersonalReason = history == nil ? .notPersonalizable : personal.isEmpty ? .noHistory : .personal
        let popular = model.popularity.recommend(
            group: query.category.map(PopularityGroup.category), limit: wanted, fillFromGlobal: query.category == nil,
            where: candidates.allows)
        let proposed =
            personal.map { (sku: model.skus[Int($0.item)], score: Optional($0.score)) }
            + popular.map { (sku: model.skus[Int($0.item)], score: personal.isEmpty ? Optional($0.score) : nil) }
        let items = try await AvailableItems(pool: pool).filter(
            proposed, rules: AvailableItems.Rules(category: query.category, brands: brands.map(Set.init)), tenantID: tenantID,
            limit: query.limit)
        let strategy: PersonalStrategy =
            personal.isEmpty ? .popularity : (model.algorithm == .als ? .als : .itemKNN)
        return PersonalRecommendations(
            items: items, strategy: strategy, reason: reason, modelVersion: version, algorithm: model.algorithm.rawValue,
            brands: brands)
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
        /// With `sameBrand`: the catalogue's brands of the context items and, when visible, of
        /// the person's `recentPurchases` latest purchased items.
        var brands: [String]
    }

    /// One statement: the serving version, and when the profile is visible for
    /// personalization, the merged set's stored row of that version (the live profile's
    /// first) and every SKU it ordered; with `sameBrand`, the current catalogue brands of the
    /// context and of the latest purchases. Row-level security hides the profile, its orders
    /// and its stored row unless it permits personalization. Runs as one pool lease (one
    /// thread hand-off each way).
    private static func person(
        tenantID: UUID, profileID: UUID, context: [String], sameBrand: Bool, on pool: PostgresPool
    ) async throws -> Person {
        let rows = try await pool.query(
            """
            WITH serving AS (
                SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = 'recommender' AND status = 'serving'
            ),
            target AS (SELECT canonical_id FROM profiles WHERE tenant_id = $1 AND profile_id = $2),
            members AS (
                SELECT p.profile_id FROM profiles p JOIN target t ON p.canonical_id = t.canonical_id WHERE p.tenant_id = $1
            ),
            bought AS (
                SELECT l.sku, max(o.occurred_at) AS last_at
                FROM order_lines l
                JOIN orders o ON o.tenant_id = l.tenant_id AND o.profile_id = l.profile_id AND o.order_id = l.order_id
                WHERE l.tenant_id = $1 AND l.profile_id IN (SELECT profile_id FROM members)
                GROUP BY l.sku
            )
            SELECT (SELECT version FROM serving) AS version, (SELECT canonical_id FROM target) AS canonical_id,
                stored.factors, stored.history,
                ARRAY(SELECT sku FROM bought) AS bought,
                ARRAY(SELECT DISTINCT i.brand FROM items i
                      WHERE $4 AND i.tenant_id = $1 AND i.brand IS NOT NULL
                        AND i.sku IN (
                            SELECT unnest($3::text[])
                            UNION SELECT latest.sku FROM (SELECT sku FROM bought ORDER BY last_at DESC, sku LIMIT $5) latest
                        )) AS brands
            FROM (VALUES (1)) AS one
            LEFT JOIN LATERAL (
                SELECT r.factors, r.history FROM recommender_profiles r
                WHERE r.tenant_id = $1 AND r.profile_id IN (SELECT profile_id FROM members)
                  AND r.version = (SELECT version FROM serving)
                ORDER BY r.profile_id = (SELECT canonical_id FROM target) DESC
                LIMIT 1
            ) stored ON true
            """, [tenantID, profileID, context, sameBrand, recentPurchases])
        guard let row = rows.first else { return Person(visible: false, history: [], bought: [], brands: []) }
        let visible = try row.decode(UUID?.self, column: "canonical_id") != nil
        return Person(
            servingVersion: try row.decode(Int?.self, column: "version"), visible: visible,
            factors: try row.decode(Data?.self, column: "factors").flatMap(PackedValues.unpackFloats),
            history: try row.decode(Data?.self, column: "history").flatMap(PackedValues.unpackHistory) ?? [],
            bought: visible ? try row.decode([String].self, column: "bought") : [],
            brands: try row.decode([String].self, column: "brands"))
    }
}
