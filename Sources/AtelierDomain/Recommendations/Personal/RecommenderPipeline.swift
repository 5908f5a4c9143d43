import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Trains the personal recommender of a tenant (`train:recommender`).
///
/// Reads interactions (purchases net of returns, add-to-carts, product views; weights in
/// `RecommenderParameters`) of persons permitting `analytics` only, streamed page by page.
/// Time-based holdout: with `end` the newest interaction, it fits item-kNN and ALS on what
/// happened up to `end − holdoutDays` and measures precision@k, recall@k, NDCG@k, MAP@k and
/// coverage on the purchases after it, for each algorithm and for the popularity baseline, on
/// the same persons (those with a history before the cutoff; at most
/// `maximumEvaluatedUsers`, every n-th in id order). The version serves with the better of the
/// two algorithms (or the one asked for), and goes into service only if its NDCG@k is not
/// below that of the serving version's parameters refitted on the same split. The stored
/// version is then fitted on every interaction: the item side as `RecommenderArtifact`, the
/// per-person values (history, ALS factors) in `recommender_profiles`.
///
/// Memory bound, for P (person, item) pairs, U persons, I items and f factors: the pairs
/// (32·P bytes) and, per fit, the weighted interactions (16·P), the dataset and its
/// construction (≈ 40·P), ALS's confidence matrix and transpose (≈ 24·P) and factors in
/// Double (8·f·(U + I)), item-kNN's weighted matrix and transpose (≈ 24·P) and neighbour table
/// (12·K·I), plus the evaluated persons' lists. About 150·P + 8·f·(U + I) bytes: 1 M pairs of
/// 100,000 persons on 10,000 items at f = 64 stay under 250 MB; never anything of size U × I.
/// Each version records the worker's peak resident memory (`PeakMemory`).
public struct RecommenderPipeline: Sendable {
    private let reader: InteractionReader
    private let registry: ModelRegistry
    private let pool: PostgresPool
    private let threads: Int
    /// Persons whose lists are scored on the holdout, at most: bounds evaluation time (ALS
    /// scores every item for each) while keeping thousands of persons in the means.
    static let maximumEvaluatedUsers = 5_000
    /// Versions whose per-person rows are kept besides the serving one (rollback reaches them).
    static let versionsKept = 3

    /// - Parameters:
    ///   - pool: the owner's pool, to store the version.
    ///   - readers: the purpose pools; interactions are read for `analytics`.
    ///   - threads: threads ALS fits on (the worker shares its cores with the API).
    public init(pool: PostgresPool, readers: PersonalDataPools, threads: Int = 1) {
        self.pool = pool
        reader = InteractionReader(pools: readers)
        registry = ModelRegistry(pool: pool)
        self.threads = max(1, threads)
    }

    /// Trains, evaluates and stores one version; answers its number.
    public func train(tenantID: UUID, parameters: RecommenderParameters, jobID: UUID?) async throws -> Int {
        try parameters.validate()
        let version = try await registry.begin(
            tenantID: tenantID, kind: .recommender, algorithm: parameters.algorithm.rawValue, jobID: jobID)
        do {
            try await trainVersion(version, tenantID: tenantID, parameters: parameters)
            return version
        } catch {
            try? await registry.fail(tenantID: tenantID, kind: .recommender, version: version, reason: "\(error)")
            throw error
        }
    }

    private func trainVersion(_ version: Int, tenantID: UUID, parameters: RecommenderParameters) async throws {
        let started = ContinuousClock.now
        guard let window = try await reader.window(tenantID: tenantID) else {
            throw DomainError.conflict(
                reason: "no interactions to learn from: no order or product event of a profile permitting analytics")
        }
        let cutoff = window.last.addingTimeInterval(-Double(parameters.holdoutDays) * 86_400)
        let table = try await reader.interactions(tenantID: tenantID, cutoff: cutoff)
        let catalogue = Array(0..<Int32(table.skus.count))
        let relevant = Self.sample(table.holdoutRelevance(parameters))
        guard !relevant.isEmpty else {
            throw DomainError.conflict(
                reason: "no purchase in the last \(parameters.holdoutDays) days by a person with earlier interactions: nothing to measure a version on")
        }
        let holdout = try await ComputeThread.run {
            try evaluate(table, parameters: parameters, relevant: relevant, catalogue: catalogue)
        }
        let serving = try await registry.serving(tenantID: tenantID, kind: .recommender)
        var championNdcg: Double?
        if let serving, let champion = try await servingParameters(tenantID: tenantID, version: serving) {
            championNdcg =
                champion == parameters
                ? holdout.model.ndcg
                : try await ComputeThread.run {
                    try evaluate(table, parameters: champion, relevant: relevant, catalogue: catalogue).model.ndcg
                }
        }
        let decision = Self.decide(challenger: holdout.model.ndcg, champion: championNdcg, serving: serving, k: parameters.k)

        let all = table.interactions(parameters, includingHoldout: true)
        let dataset = try InteractionDataset(all, catalogue: catalogue)
        let categories = try await categories(tenantID: tenantID, skus: table.skus)
        let threads = threads
        let (als, artifact) = try await ComputeThread.run {
            let als =
                holdout.algorithm == .als
                ? try AlternatingLeastSquares(parameters: parameters.alsParameters).fit(dataset, threads: threads) : nil
            let artifact = RecommenderArtifact(
                algorithm: holdout.algorithm, parameters: parameters, skus: table.skus, categories: categories,
                itemKNN: try ItemKNN(parameters: parameters.itemKNNParameters).fit(dataset),
                alsParameters: als?.parameters, itemFactors: als.map { PackedValues.pack($0.itemFactors) },
                popularity: try Popularity().fit(
                    all.map { GroupedInteraction($0, groups: Set(categories[Int($0.item)]).sorted().map(PopularityGroup.category)) }))
            return (als, artifact)
        }
        let metrics = RecommenderMetrics(
            k: parameters.k, algorithm: holdout.algorithm.rawValue, model: holdout.model, popularity: holdout.popularity,
            itemKNN: holdout.itemKNN, als: holdout.als, servingNdcg: championNdcg, servingVersion: serving)
        let counts = RowCounts(
            pairs: table.count, persons: table.persons.count, items: table.skus.count,
            trainingPairs: table.interactions(parameters, includingHoldout: false).count,
            holdoutPersons: relevant.count, storedPersons: dataset.users.count)
        let outcome = TrainingOutcome(
            parameters: try RegistryJSON.encode(parameters),
            dataWindow: try RegistryJSON.encode(
                DataWindow(from: window.first, until: window.last, holdoutFrom: cutoff, holdoutDays: parameters.holdoutDays)),
            rowCounts: try RegistryJSON.encode(counts), metrics: try RegistryJSON.encode(metrics),
            trainingSeconds: RegistryJSON.seconds(ContinuousClock.now - started), peakMemoryBytes: PeakMemory.bytes(),
            promote: decision.promote, decision: decision.reason)
        let persons = table.persons
        try await registry.finish(tenantID: tenantID, kind: .recommender, version: version, outcome: outcome) { connection in
            try await Self.store(
                artifact, persons: persons, dataset: dataset, als: als, tenantID: tenantID, version: version, on: connection)
        }
    }

    /// Fits what `parameters` asks for on the training side and scores each algorithm and the
    /// popularity baseline on the same persons.
    private func evaluate(
        _ table: InteractionTable, parameters: RecommenderParameters, relevant: [Int32: Set<Int32>], catalogue: [Int32]
    ) throws -> HoldoutResult {
        let dataset = try InteractionDataset(table.interactions(parameters, includingHoldout: false), catalogue: catalogue)
        let k = parameters.k
        let measure = { (recommend: (Int32) -> [Int32]) throws -> RecommenderMetrics.Ranking in
            .init(try RankingMetrics.evaluate(k: k, catalogueSize: max(1, catalogue.count), relevant: relevant, recommend: recommend))
        }
        let popular = try Popularity().fit(table.interactions(parameters, includingHoldout: false))
        let popularity = try measure { user in
            popular.recommend(limit: k, excluding: Set(dataset.history(of: user).keys)).map(\.item)
        }
        var itemKNN: RecommenderMetrics.Ranking?
        var als: RecommenderMetrics.Ranking?
        if parameters.algorithm != .als {
            let fitted = try ItemKNN(parameters: parameters.itemKNNParameters).fit(dataset)
            itemKNN = try measure { fitted.recommend(user: $0, in: dataset, limit: k).map(\.item) }
        }
        if parameters.algorithm != .itemKNN {
            let fitted = try AlternatingLeastSquares(parameters: parameters.alsParameters).fit(dataset, threads: threads)
            als = try measure { fitted.recommend(user: $0, in: dataset, limit: k).map(\.item) }
        }
        return HoldoutResult(popularity: popularity, itemKNN: itemKNN, als: als)
    }

    /// Every n-th person (in id order) when more than `maximumEvaluatedUsers` have relevant items.
    private static func sample(_ relevant: [Int32: Set<Int32>]) -> [Int32: Set<Int32>] {
        guard relevant.count > maximumEvaluatedUsers else { return relevant }
        let step = (relevant.count + maximumEvaluatedUsers - 1) / maximumEvaluatedUsers
        var sampled: [Int32: Set<Int32>] = [:]
        for (position, user) in relevant.keys.sorted().enumerated() where position % step == 0 {
            sampled[user] = relevant[user]
        }
        return sampled
    }

    /// Serve when nothing serves, or when NDCG@k is not below the serving version's.
    private static func decide(challenger: Double, champion: Double?, serving: Int?, k: Int) -> (promote: Bool, reason: String) {
        ChampionChallenger.decide(challenger: challenger, champion: champion, serving: serving) { champion, serving in
            String(format: "NDCG@%d %.4f vs %.4f of version %d's parameters on the same holdout", k, challenger, champion, serving)
        }
    }

    private func servingParameters(tenantID: UUID, version: Int) async throws -> RecommenderParameters? {
        let versions = try await registry.versions(tenantID: tenantID, kind: .recommender)
        guard let stored = versions.first(where: { $0.version == version }) else { return nil }
        return try? RegistryJSON.decode(RecommenderParameters.self, from: stored.parameters)
    }

    /// Each item's category path in the current catalogue (empty for an item it does not know).
    private func categories(tenantID: UUID, skus: [String]) async throws -> [[String]] {
        let rows = try await pool.query(
            "SELECT sku, category_path FROM items WHERE tenant_id = $1 AND sku = ANY($2::text[])", [tenantID, skus])
        var paths: [String: [String]] = [:]
        for row in rows {
            paths[try row.decode(String.self, column: "sku")] = try row.decode([String].self, column: "category_path")
        }
        return skus.map { paths[$0] ?? [] }
    }

    /// Writes the artifact and every person's row, names the algorithm, and drops the
    /// per-person rows of versions no longer kept; in the registry's transaction.
    private static func store(
        _ artifact: RecommenderArtifact, persons: [UUID], dataset: InteractionDataset<Int32, Int32>,
        als: FittedALS<Int32, Int32>?, tenantID: UUID, version: Int, on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            "INSERT INTO recommender_models (tenant_id, version, model) VALUES ($1, $2, $3::jsonb)",
            [tenantID, version, try RegistryJSON.encode(artifact)])
        try await connection.execute(
            "UPDATE model_versions SET algorithm = $3 WHERE tenant_id = $1 AND kind = 'recommender' AND version = $2",
            [tenantID, version, artifact.algorithm.rawValue])
        let tenant = tenantID.uuidString
        let matrix = dataset.matrix
        try await connection.copyFrom(
            "COPY recommender_profiles (tenant_id, profile_id, version, factors, history) FROM STDIN",
            rows: (0..<matrix.rowCount).lazy.map { row in
                let user = dataset.users[row]
                let history = matrix.range(ofRow: row).map { (index: matrix.columns[$0], weight: matrix.values[$0]) }
                return [
                    tenant, persons[Int(user)].uuidString, String(version),
                    als?.factors(ofUser: user).map { PackedValues.pack($0).postgresText } ?? nil,
                    PackedValues.pack(history: history).postgresText,
                ]
            })
        try await connection.execute(
            """
            DELETE FROM recommender_profiles WHERE tenant_id = $1 AND version <= $2::int - $3::int AND version NOT IN (
                SELECT version FROM model_versions WHERE tenant_id = $1 AND kind = 'recommender' AND status = 'serving')
            """, [tenantID, version, versionsKept])
    }

    private struct HoldoutResult {
        var popularity: RecommenderMetrics.Ranking
        var itemKNN: RecommenderMetrics.Ranking?
        var als: RecommenderMetrics.Ranking?

        /// ALS when asked for, or when it beats item-kNN; item-kNN on a tie (no per-person factors).
        var algorithm: RecommenderArtifact.Algorithm {
            guard let als else { return .itemKNN }
            guard let itemKNN else { return .als }
            return als.ndcg > itemKNN.ndcg ? .als : .itemKNN
        }

        var model: RecommenderMetrics.Ranking {
            (algorithm == .als ? als : itemKNN) ?? popularity
        }
    }

    private struct DataWindow: Encodable {
        var from: Date
        var until: Date
        var holdoutFrom: Date
        var holdoutDays: Int
    }

    private struct RowCounts: Encodable {
        /// (person, item) pairs read, persons and items among them.
        var pairs: Int
        var persons: Int
        var items: Int
        /// Pairs with interactions up to the cutoff.
        var trainingPairs: Int
        /// Persons scored on the holdout.
        var holdoutPersons: Int
        /// Persons whose history (and factors) the version stores.
        var storedPersons: Int
    }
}
