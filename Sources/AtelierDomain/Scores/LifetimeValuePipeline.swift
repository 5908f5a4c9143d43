import AtelierAlgorithms
import AtelierPostgres
import Foundation

/// Trains the lifetime-value model of a tenant (`train:clv`): BG/NBD for repeat purchases and
/// Gamma-Gamma for spend, on purchase days (orders of profiles permitting analytics, per
/// person and day).
///
/// Time-based holdout: fitted on the days before the last `holdoutDays`, it predicts each
/// person's purchases and spend over them, compared with what they did (and with the serving
/// version's parameters refitted on the same days). The stored version is fitted on every day;
/// it serves when its purchase error is not above the serving version's, and then every
/// customer is scored: the discounted value over `months`, with its expected purchases.
public struct LifetimeValuePipeline: Sendable {
    private let reader: FeatureReader
    private let registry: ModelRegistry
    private let scorer: ProfileScorer

    public init(pool: PostgresPool, readers: PersonalDataPools) {
        reader = FeatureReader(pools: readers)
        registry = ModelRegistry(pool: pool)
        scorer = ProfileScorer(pool: pool, readers: readers)
    }

    public func train(tenantID: UUID, parameters: LifetimeValueParameters, jobID: UUID?) async throws -> Int {
        try parameters.validate()
        let version = try await registry.begin(
            tenantID: tenantID, kind: .clv, algorithm: "bg-nbd+gamma-gamma", jobID: jobID)
        let promoted: Bool
        do {
            promoted = try await trainVersion(version, tenantID: tenantID, parameters: parameters)
        } catch {
            try? await registry.fail(tenantID: tenantID, kind: .clv, version: version, reason: "\(error)")
            throw error
        }
        if promoted { _ = try await scorer.refresh(tenantID: tenantID, kind: .clv) }
        return version
    }

    private func trainVersion(_ version: Int, tenantID: UUID, parameters: LifetimeValueParameters) async throws -> Bool {
        let started = ContinuousClock.now
        guard let latest = try await reader.latestOrder(tenantID: tenantID) else {
            throw DomainError.conflict(reason: "no orders to learn from: no order of a profile permitting analytics")
        }
        let days = try await reader.purchaseDays(tenantID: tenantID, until: latest.addingTimeInterval(1))
        let endDay = Int((latest.timeIntervalSince1970 / 86_400).rounded(.down))
        let holdoutStart = endDay - parameters.holdoutDays + 1
        let calibration = try LifetimeScoreModel.summaries(days, endDay: holdoutStart - 1)
        guard calibration.contains(where: { $0.history.frequency > 0 }) else {
            throw DomainError.conflict(reason: "no repeat purchase before the \(parameters.holdoutDays)-day holdout")
        }
        var actual: [UUID: (purchases: Int, spend: Double)] = [:]
        for day in days where day.day >= holdoutStart {
            actual[day.person, default: (0, 0)].purchases += 1
            actual[day.person, default: (0, 0)].spend += day.amount
        }

        let challenger = try await ComputeThread.run { try Self.fit(calibration, parameters: parameters) }
        let holdoutWeeks = Double(parameters.holdoutDays) / Double(LifetimeScoreModel.daysPerPeriod)
        let predicted = calibration.map { challenger.purchases.expectedPurchases(inNext: holdoutWeeks, given: $0.history) }
        let error = Self.meanAbsoluteError(predicted, calibration, actual)
        let serving = try await registry.serving(tenantID: tenantID, kind: .clv)
        var servingError: Double?
        if let serving, let champion = try await servingParameters(tenantID: tenantID, version: serving) {
            let refitted = try await ComputeThread.run { try Self.fit(calibration, parameters: champion) }
            servingError = Self.meanAbsoluteError(
                calibration.map { refitted.purchases.expectedPurchases(inNext: holdoutWeeks, given: $0.history) },
                calibration, actual)
        }
        let decision = Self.decide(challenger: error, champion: servingError, serving: serving)

        let summaries = try LifetimeScoreModel.summaries(days, endDay: endDay)
        let final = try await ComputeThread.run { try Self.fit(summaries, parameters: parameters) }
        let predictedSpend = zip(calibration, predicted).reduce(0.0) { total, pair in
            total + pair.1 * challenger.spend.expectedAverageSpend(
                frequency: pair.0.history.frequency, monetaryValue: pair.0.monetaryValue)
        }
        let metrics = LifetimeValueMetrics(
            customers: calibration.count, repeatCustomers: calibration.count { $0.history.frequency > 0 },
            holdoutDays: parameters.holdoutDays, predictedPurchases: predicted.reduce(0, +),
            actualPurchases: calibration.reduce(0) { $0 + (actual[$1.customerID]?.purchases ?? 0) },
            purchasesMAE: error, servingPurchasesMAE: servingError, servingVersion: serving,
            predictedSpendMinor: predictedSpend,
            actualSpendMinor: calibration.reduce(0) { $0 + (actual[$1.customerID]?.spend ?? 0) },
            purchases: final.purchases, spend: final.spend)
        let stored = LifetimeScoreModel(
            purchases: final.purchases, spend: final.spend, months: parameters.months,
            monthlyDiscountRate: parameters.monthlyDiscountRate)
        let window = DataWindow(
            latestOrder: latest, holdoutFromDay: Date(timeIntervalSince1970: Double(holdoutStart) * 86_400),
            holdoutDays: parameters.holdoutDays)
        let counts = RowCounts(purchaseDays: days.count, customers: Set(days.map(\.person)).count)
        let outcome = TrainingOutcome(
            parameters: try RegistryJSON.encode(parameters), dataWindow: try RegistryJSON.encode(window),
            rowCounts: try RegistryJSON.encode(counts), metrics: try RegistryJSON.encode(metrics),
            trainingSeconds: RegistryJSON.seconds(ContinuousClock.now - started), peakMemoryBytes: PeakMemory.bytes(),
            promote: decision.promote, decision: decision.reason)
        let model = try RegistryJSON.encode(stored)
        try await registry.finish(tenantID: tenantID, kind: .clv, version: version, outcome: outcome) { connection in
            try await connection.execute(
                "INSERT INTO score_models (tenant_id, kind, version, model) VALUES ($1, 'clv', $2, $3::jsonb)",
                [tenantID, version, model])
        }
        return decision.promote
    }

    private func servingParameters(tenantID: UUID, version: Int) async throws -> LifetimeValueParameters? {
        let versions = try await registry.versions(tenantID: tenantID, kind: .clv)
        guard let stored = versions.first(where: { $0.version == version }) else { return nil }
        return try? RegistryJSON.decode(LifetimeValueParameters.self, from: stored.parameters)
    }

    private static func fit(_ summaries: [CustomerRFM<UUID>], parameters: LifetimeValueParameters) throws
        -> (purchases: BetaGeometricNBDModel, spend: GammaGammaModel)
    {
        let purchases = try BetaGeometricNBD(penalizerCoefficient: parameters.penalizer).fit(summaries.map(\.history))
        let repeaters = summaries.filter { $0.history.frequency > 0 && $0.monetaryValue > 0 }
        // Spends are fitted in units of their mean (v scales with the currency unit, p and q do
        // not): minor units put v around 1e5, far from where the optimiser starts, and it then
        // settles on a poor optimum.
        let unit = max(1, repeaters.reduce(0) { $0 + $1.monetaryValue } / Double(max(1, repeaters.count)))
        let spend = Result { () throws(LifetimeModelError) -> GammaGammaModel in
            try GammaGamma(penalizerCoefficient: parameters.penalizer).fit(
                repeaters.map { SpendHistory(frequency: $0.history.frequency, monetaryValue: $0.monetaryValue / unit) })
        }
        switch spend {
        case .success(let model):
            return (purchases, GammaGammaModel(p: model.p, q: model.q, v: model.v * unit))
        case .failure(.infiniteMeanSpend(let q)):
            throw DomainError.conflict(
                reason: String(
                    format: "Gamma-Gamma finds no finite mean spend on these %d repeat customers (q = %.3f ≤ 1): spend varies too much within customers to predict it",
                    repeaters.count, q))
        case .failure(let error):
            throw error
        }
    }

    private static func meanAbsoluteError(
        _ predicted: [Double], _ summaries: [CustomerRFM<UUID>], _ actual: [UUID: (purchases: Int, spend: Double)]
    ) -> Double {
        guard !summaries.isEmpty else { return 0 }
        return zip(predicted, summaries).reduce(0.0) { total, pair in
            total + abs(pair.0 - Double(actual[pair.1.customerID]?.purchases ?? 0))
        } / Double(summaries.count)
    }

    /// Serve when nothing serves, or when the purchase error is not above the serving version's.
    private static func decide(challenger: Double, champion: Double?, serving: Int?) -> (promote: Bool, reason: String) {
        guard let serving else { return (true, "serving: no version was serving") }
        guard let champion else { return (true, "serving: version \(serving)'s parameters could not be refitted") }
        let figures = String(
            format: "holdout purchases MAE %.4f vs %.4f of version %d's parameters on the same days", challenger, champion,
            serving)
        return challenger <= champion ? (true, "serving: " + figures) : (false, "rejected: " + figures)
    }

    private struct DataWindow: Encodable {
        var latestOrder: Date
        var holdoutFromDay: Date
        var holdoutDays: Int
    }

    private struct RowCounts: Encodable {
        var purchaseDays: Int
        var customers: Int
    }
}
