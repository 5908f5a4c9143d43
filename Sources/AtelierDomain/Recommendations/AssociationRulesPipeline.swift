import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Trains the bought-together model of a tenant: reads baskets (orders net of returns) under
/// the `analytics` purpose, holds out the last days, mines rules with FP-Growth on the rest,
/// scores them on the holdout as they will serve (rules first, then the most bought items),
/// against the popularity baseline and against the serving version's parameters mined on the
/// same training baskets; then mines again on every basket and stores the version (rules and
/// popular items). It serves if it is not worse than the serving version on that holdout, so
/// a retraining with the same parameters serves the fresher rules.
public struct AssociationRulesPipeline: Sendable {
    private let reader: BasketReader
    private let registry: ModelRegistry
    private let pool: PostgresPool
    private static let popularKept = 100

    /// - Parameters:
    ///   - pool: the owner's pool, to store the version's rules.
    ///   - readers: the purpose pools; baskets are read for `analytics`.
    public init(pool: PostgresPool, readers: PersonalDataPools) {
        self.pool = pool
        reader = BasketReader(pools: readers)
        registry = ModelRegistry(pool: pool)
    }

    /// Trains, evaluates and stores one version; answers its number.
    public func train(tenantID: UUID, parameters: BoughtTogetherParameters, jobID: UUID?) async throws -> Int {
        try parameters.validate()
        let version = try await registry.begin(
            tenantID: tenantID, kind: .associationRules, algorithm: "fp-growth", jobID: jobID)
        do {
            let started = ContinuousClock.now
            let baskets = try await reader.baskets(tenantID: tenantID)
            guard let latest = baskets.map(\.occurredAt).max() else {
                throw DomainError.conflict(reason: "no baskets to learn from: no order of a profile permitting analytics")
            }
            let cutoff = latest.addingTimeInterval(-Double(parameters.holdoutDays) * 86_400)
            let training = baskets.filter { $0.occurredAt < cutoff }.map(\.skus)
            let holdout = baskets.filter { $0.occurredAt >= cutoff }.map(\.skus).filter { $0.count >= 2 }

            let trainingSet = training.isEmpty ? baskets.map(\.skus) : training
            let popular = PopularItems(baskets: trainingSet, keep: Self.popularKept)
            let serving = try await registry.serving(tenantID: tenantID, kind: .associationRules)
            let mined = try await ComputeThread.run { try Self.mine(trainingSet, parameters: parameters) }
            let hit = Self.hitRate(of: mined, popular: popular, holdout: holdout, k: parameters.k)
            let baseline = HoldoutHitRate.rate(baskets: holdout, k: parameters.k) {
                popular.recommend(excluding: $0, limit: $1)
            }
            var champion: (rate: Double?, trials: Int)?
            if let serving, let servingParameters = try await servingParameters(tenantID: tenantID, version: serving) {
                let minedByServing = try await ComputeThread.run { try Self.mine(trainingSet, parameters: servingParameters) }
                champion = Self.hitRate(of: minedByServing, popular: popular, holdout: holdout, k: parameters.k)
            }

            let all = baskets.map(\.skus)
            let fitted = try await ComputeThread.run { try Self.mine(all, parameters: parameters) }
            let finalIndex = RelatedItemIndex(fitted: fitted)
            let boughtItems = Set(all.joined()).count
            let metrics = BoughtTogetherMetrics(
                rules: fitted.rules.count, itemsets: fitted.frequentItemsets.count,
                coverage: boughtItems == 0 ? 0 : Double(finalIndex.coveredItems) / Double(boughtItems),
                support: .init(fitted.rules.map(\.support)), confidence: .init(fitted.rules.map(\.confidence)),
                lift: .init(fitted.rules.map(\.lift)),
                holdout: .init(
                    baskets: holdout.count, trials: hit.trials, k: parameters.k, hitRate: hit.rate,
                    popularityHitRate: baseline.rate, servingHitRate: champion?.rate ?? nil, servingVersion: serving))
            let decision = Self.decide(challenger: hit.rate, champion: champion?.rate ?? nil, serving: serving)
            let window = DataWindow(
                from: baskets.map(\.occurredAt).min(), until: latest, holdoutFrom: cutoff, holdoutDays: parameters.holdoutDays)
            let counts = RowCounts(
                baskets: baskets.count, trainingBaskets: training.count, holdoutBaskets: holdout.count, items: boughtItems)
            let outcome = TrainingOutcome(
                parameters: try RegistryJSON.encode(parameters), dataWindow: try RegistryJSON.encode(window),
                rowCounts: try RegistryJSON.encode(counts),
                metrics: try RegistryJSON.encode(metrics), trainingSeconds: RegistryJSON.seconds(ContinuousClock.now - started),
                peakMemoryBytes: PeakMemory.bytes(), promote: decision.promote, decision: decision.reason)
            let allPopular = PopularItems(baskets: all, keep: Self.popularKept)
            try await registry.finish(tenantID: tenantID, kind: .associationRules, version: version, outcome: outcome) {
                connection in
                try await Self.store(fitted, popular: allPopular, tenantID: tenantID, version: version, on: connection)
            }
            return version
        } catch {
            try? await registry.fail(tenantID: tenantID, kind: .associationRules, version: version, reason: "\(error)")
            throw error
        }
    }

    /// The hit rate of `fitted` served as the API serves it: its related items, then popular ones.
    private static func hitRate(
        of fitted: FittedAssociationRules<String>, popular: PopularItems, holdout: [[String]], k: Int
    ) -> (rate: Double?, trials: Int) {
        let index = RelatedItemIndex(fitted: fitted)
        return HoldoutHitRate.rate(baskets: holdout, k: k) { item, limit in
            var list = index.related(to: item, limit: limit)
            for fill in popular.recommend(excluding: item, limit: limit) where list.count < limit && !list.contains(fill) {
                list.append(fill)
            }
            return list
        }
    }

    private func servingParameters(tenantID: UUID, version: Int) async throws -> BoughtTogetherParameters? {
        let versions = try await registry.versions(tenantID: tenantID, kind: .associationRules)
        guard let stored = versions.first(where: { $0.version == version }) else { return nil }
        return try? JSONDecoder().decode(BoughtTogetherParameters.self, from: Data(stored.parameters.utf8))
    }

    private static func mine(_ baskets: [[String]], parameters: BoughtTogetherParameters) throws
        -> FittedAssociationRules<String>
    {
        let floor = max(parameters.minSupportCount, Int((parameters.minSupport * Double(baskets.count)).rounded(.up)))
        let miner = AssociationRules(
            parameters: AssociationRuleParameters(
                minSupport: .count(floor), minConfidence: parameters.minConfidence, minLift: parameters.minLift,
                maxLength: parameters.maxLength))
        do {
            return try miner.fit(transactions: baskets)
        } catch {
            throw DomainError.invalid(field: "/parameters", reason: "cannot be mined: \(error)", hint: nil)
        }
    }

    /// Serve when nothing serves, or when not worse on the same holdout (no holdout: not compared).
    private static func decide(challenger: Double?, champion: Double?, serving: Int?) -> (promote: Bool, reason: String) {
        guard let serving else { return (true, "serving: no version was serving") }
        guard let challenger, let champion else {
            return (false, "kept version \(serving): no holdout baskets to compare on")
        }
        let figures = "hit rate \(rounded(challenger)) vs \(rounded(champion)) of version \(serving) on the same holdout"
        return challenger >= champion ? (true, "serving: " + figures) : (false, "rejected: " + figures)
    }

    private static func rounded(_ value: Double) -> String { String(format: "%.4f", value) }

    private static func store(
        _ fitted: FittedAssociationRules<String>, popular: PopularItems, tenantID: UUID, version: Int,
        on connection: PostgresConnection
    ) async throws {
        let tenant = tenantID.uuidString
        try await connection.copyFrom(
            """
            COPY association_rules (tenant_id, version, rule_no, antecedent, consequent, support, confidence, lift,
                leverage, conviction, support_count) FROM STDIN
            """,
            rows: fitted.rules.enumerated().lazy.map { number, rule in
                [
                    tenant, String(version), String(number), rule.antecedent.postgresText, rule.consequent.postgresText,
                    String(rule.support), String(rule.confidence), String(rule.lift), String(rule.leverage),
                    rule.conviction.isFinite ? String(rule.conviction) : nil, String(rule.supportCount),
                ]
            })
        try await connection.copyFrom(
            "COPY popular_items (tenant_id, version, rank, sku, baskets) FROM STDIN",
            rows: popular.ranked.enumerated().lazy.map { rank, item in
                [tenant, String(version), String(rank + 1), item.sku, String(item.baskets)]
            })
    }

    private struct DataWindow: Encodable {
        var from: Date?
        var until: Date
        var holdoutFrom: Date
        var holdoutDays: Int
    }

    private struct RowCounts: Encodable {
        var baskets: Int
        var trainingBaskets: Int
        var holdoutBaskets: Int
        var items: Int
    }
}
