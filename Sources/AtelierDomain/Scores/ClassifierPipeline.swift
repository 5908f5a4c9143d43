import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Trains a propensity or churn model of a tenant (`train:propensity`, `train:churn`).
///
/// Time-based holdout, with `end` the newest order visible for analytics and h the horizon:
/// the model learns from the features as of `end − 2h` labelled by orders in
/// `[end − 2h, end − h)`, and is measured on the features as of `end − h` labelled by orders in
/// `[end − h, end)` (AUC, log-loss, calibration, against recency alone and against the serving
/// version's parameters refitted on the same snapshot). The version stored is then fitted on
/// that freshest labelled snapshot. It serves when its holdout AUC is not below the serving
/// version's; then every visible person is scored with it at once.
public struct ClassifierPipeline: Sendable {
    private let reader: FeatureReader
    private let registry: ModelRegistry
    private let scorer: ProfileScorer
    private let pool: PostgresPool

    /// - Parameters:
    ///   - pool: the owner's pool, to store the version and the scores.
    ///   - readers: the purpose pools; facts are read for `analytics`.
    public init(pool: PostgresPool, readers: PersonalDataPools) {
        self.pool = pool
        reader = FeatureReader(pools: readers)
        registry = ModelRegistry(pool: pool)
        scorer = ProfileScorer(pool: pool, readers: readers)
    }

    /// Trains, evaluates and stores one version of `kind` (propensity or churn); answers its number.
    public func train(tenantID: UUID, kind: ModelKind, parameters: ClassifierParameters, jobID: UUID?) async throws -> Int {
        guard let target = ClassifierTarget(kind) else {
            throw DomainError.invalid(field: "kind", reason: "\(kind.rawValue) is not a classifier score", hint: nil)
        }
        try parameters.validate()
        let version = try await registry.begin(
            tenantID: tenantID, kind: kind, algorithm: "logistic-regression-l2", jobID: jobID)
        let promoted: Bool
        do {
            promoted = try await trainVersion(
                version, tenantID: tenantID, kind: kind, target: target, parameters: parameters)
        } catch {
            try? await registry.fail(tenantID: tenantID, kind: kind, version: version, reason: "\(error)")
            throw error
        }
        if promoted { _ = try await scorer.refresh(tenantID: tenantID, kind: kind) }
        return version
    }

    private func trainVersion(
        _ version: Int, tenantID: UUID, kind: ModelKind, target: ClassifierTarget, parameters: ClassifierParameters
    ) async throws -> Bool {
        let started = ContinuousClock.now
        guard let latest = try await reader.latestOrder(tenantID: tenantID) else {
            throw DomainError.conflict(reason: "no orders to learn from: no order of a profile permitting analytics")
        }
        // The end is exclusive: one second past the newest order, so that order is a label too.
        let end = latest.addingTimeInterval(1)
        let horizon = parameters.horizon(for: kind)
        let holdoutFrom = end.addingTimeInterval(-Double(horizon) * 86_400)
        let trainingFrom = holdoutFrom.addingTimeInterval(-Double(horizon) * 86_400)
        // The two snapshots are independent reads, each one statement on one core of the
        // database: read at once, the training waits for the slower rather than for both.
        async let trainingRead = labelled(tenantID: tenantID, asOf: trainingFrom, until: holdoutFrom, target: target)
        async let holdoutRead = labelled(tenantID: tenantID, asOf: holdoutFrom, until: end, target: target)
        let (training, holdout) = try await (trainingRead, holdoutRead)
        for (name, set) in [("training", training), ("holdout", holdout)] where Set(set.labels).count < 2 {
            throw DomainError.conflict(
                reason: "the \(name) snapshot has \(set.labels.count) persons, all of one class: too little history for a \(horizon)-day horizon")
        }

        let challenger = try await ComputeThread.run { try Self.fit(training, parameters: parameters) }
        let probabilities = try challenger.predict(holdout.snapshot.rows)
        let auc = try rocAUC(labels: holdout.labels, scores: probabilities)
        let serving = try await registry.serving(tenantID: tenantID, kind: kind)
        var servingAUC: Double?
        if let serving, let champion = try await servingParameters(tenantID: tenantID, kind: kind, version: serving) {
            let refitted = try await ComputeThread.run { try Self.fit(training, parameters: champion) }
            servingAUC = try rocAUC(labels: holdout.labels, scores: try refitted.predict(holdout.snapshot.rows))
        }
        let decision = Self.decide(challenger: auc, champion: servingAUC, serving: serving)

        let final = try await ComputeThread.run { try Self.fit(holdout, parameters: parameters) }
        let stored = ClassifierScoreModel(
            featureSet: ProfileFeatureSet.version, features: ProfileFeatureSet.names, horizonDays: horizon,
            scaler: final.scaler, model: final.model)
        let metrics = ClassifierMetrics(
            holdoutRows: holdout.labels.count, holdoutPositives: holdout.labels.count { $0 }, auc: auc,
            logLoss: try logLoss(labels: holdout.labels, probabilities: probabilities),
            recencyBaselineAUC: try rocAUC(
                labels: holdout.labels, scores: holdout.snapshot.rows.map(target.recencyBaseline)),
            servingAUC: servingAUC, servingVersion: serving,
            calibration: Calibration(labels: holdout.labels, probabilities: probabilities),
            coefficients: Dictionary(uniqueKeysWithValues: zip(ProfileFeatureSet.names, final.model.coefficients)))
        let window = DataWindow(
            end: end, horizonDays: horizon, trainingAsOf: trainingFrom, holdoutAsOf: holdoutFrom,
            featureSet: ProfileFeatureSet.version)
        let counts = RowCounts(
            training: training.labels.count, trainingPositives: training.labels.count { $0 },
            holdout: holdout.labels.count, holdoutPositives: holdout.labels.count { $0 })
        var recorded = parameters
        recorded.horizonDays = horizon
        let outcome = TrainingOutcome(
            parameters: try RegistryJSON.encode(recorded), dataWindow: try RegistryJSON.encode(window),
            rowCounts: try RegistryJSON.encode(counts), metrics: try RegistryJSON.encode(metrics),
            trainingSeconds: RegistryJSON.seconds(ContinuousClock.now - started), peakMemoryBytes: PeakMemory.bytes(),
            promote: decision.promote, decision: decision.reason)
        let model = try RegistryJSON.encode(stored)
        try await registry.finish(tenantID: tenantID, kind: kind, version: version, outcome: outcome) { connection in
            try await connection.execute(
                "INSERT INTO score_models (tenant_id, kind, version, model) VALUES ($1, $2, $3, $4::jsonb)",
                [tenantID, kind.rawValue, version, model])
        }
        return decision.promote
    }

    /// The persons of `target` as of `asOf`, labelled by their orders in `[asOf, until)`.
    private func labelled(tenantID: UUID, asOf: Date, until: Date, target: ClassifierTarget) async throws
        -> LabelledSnapshot
    {
        async let snapshotRead = reader.snapshot(tenantID: tenantID, asOf: asOf)
        async let buyersRead = reader.buyers(tenantID: tenantID, from: asOf, until: until)
        let (snapshot, buyers) = try await (snapshotRead, buyersRead)
        let population = snapshot.filtered { target.includes(snapshot.rows[$0]) }
        return LabelledSnapshot(
            snapshot: population, labels: population.profileIDs.map { target.label(bought: buyers.contains($0)) })
    }

    private func servingParameters(tenantID: UUID, kind: ModelKind, version: Int) async throws -> ClassifierParameters? {
        let versions = try await registry.versions(tenantID: tenantID, kind: kind)
        guard let stored = versions.first(where: { $0.version == version }) else { return nil }
        return try? RegistryJSON.decode(ClassifierParameters.self, from: stored.parameters)
    }

    private static func fit(_ set: LabelledSnapshot, parameters: ClassifierParameters) throws -> FittedClassifier {
        let scaler = try StandardScaler().fit(set.snapshot.rows)
        let model = try LogisticRegression(
            inverseRegularization: parameters.inverseRegularization, classWeighting: parameters.classWeighting,
            gradientTolerance: 1e-8, maximumIterations: 100
        ).fit(try scaler.transform(set.snapshot.rows), labels: set.labels)
        return FittedClassifier(scaler: scaler, model: model)
    }

    /// Serve when nothing serves, or when the holdout AUC is not below the serving version's.
    private static func decide(challenger: Double, champion: Double?, serving: Int?) -> (promote: Bool, reason: String) {
        ChampionChallenger.decide(challenger: challenger, champion: champion, serving: serving) { champion, serving in
            String(
                format: "holdout AUC %.4f vs %.4f of version %d's parameters on the same snapshots", challenger, champion,
                serving)
        }
    }

    private struct LabelledSnapshot {
        var snapshot: FeatureSnapshot
        var labels: [Bool]
    }

    private struct FittedClassifier {
        var scaler: StandardScalerModel
        var model: LogisticRegressionModel

        func predict(_ rows: [[Double]]) throws -> [Double] {
            try model.predictProbabilities(try scaler.transform(rows))
        }
    }

    private struct DataWindow: Encodable {
        var end: Date
        var horizonDays: Int
        var trainingAsOf: Date
        var holdoutAsOf: Date
        var featureSet: Int
    }

    private struct RowCounts: Encodable {
        var training: Int
        var trainingPositives: Int
        var holdout: Int
        var holdoutPositives: Int
    }
}
