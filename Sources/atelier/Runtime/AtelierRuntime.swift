import AtelierDomain
import AtelierPostgres
import AtelierWorker
import Foundation
import Logging

/// The process-wide pieces every command shares: configuration, logger, database pool and
/// the domain services built on it. Built once per process, closed on exit.
struct AtelierRuntime: Sendable {
    let configuration: AtelierConfiguration
    let logger: Logger
    let pool: PostgresPool
    /// The only pools that read personal data: one per purpose, filtered by consent.
    let personalData: PersonalDataPools
    let migrations: MigrationRunner

    var tenants: TenantDirectory { TenantDirectory(pool: pool) }
    var jobs: JobQueue { JobQueue(pool: pool) }
    var schedules: JobSchedules { JobSchedules(pool: pool) }
    var idempotency: IdempotencyStore { IdempotencyStore(pool: pool) }

    /// Connects to `databaseURL` (or the configured one); fails with a hint when there is none.
    static func make(configuration: AtelierConfiguration, databaseURL: String? = nil, label: String) throws
        -> AtelierRuntime
    {
        LoggingBootstrap.bootstrap(level: configuration.logLevel)
        var logger = Logger(label: label)
        logger.logLevel = configuration.logLevel
        guard let url = databaseURL ?? configuration.databaseURL else {
            throw RuntimeError.noDatabase
        }
        guard let directory = MigrationRunner.locateDirectory() else {
            throw RuntimeError.missingProjectFile("migrations/", variable: "ATELIER_MIGRATIONS_DIR")
        }
        let database = PostgresConfiguration(connectionString: url, poolSize: configuration.poolSize)
        let pool = PostgresPool(configuration: database, logger: logger)
        var readers = database
        readers.poolSize = max(2, configuration.poolSize / 2)
        return AtelierRuntime(
            configuration: configuration, logger: logger, pool: pool,
            personalData: PersonalDataPools(base: readers, logger: logger),
            migrations: MigrationRunner(directory: directory, logger: logger))
    }

    /// Runs `body` with a runtime built from the environment and closes its pool afterwards,
    /// whether `body` succeeds or throws; for the short operator commands.
    static func withRuntime<T: Sendable>(label: String, _ body: (AtelierRuntime) async throws -> T) async throws -> T {
        let runtime = try make(configuration: try .fromEnvironment(), label: label)
        do {
            let result = try await body(runtime)
            await runtime.close()
            return result
        } catch {
            await runtime.close()
            throw error
        }
    }

    func close() async {
        await personalData.close()
        await pool.close()
    }

    func migrate() async throws {
        let applied = try await migrations.migrate(pool: pool)
        for migration in applied {
            logger.info("migration applied", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
        }
    }

    func makeAPIKeys() -> APIKeyService {
        APIKeyService(pool: pool, cacheTimeToLive: configuration.authenticationCacheTTL)
    }

    /// The system schedules every deployment needs; idempotent, run at every start.
    func registerSystemSchedules() async throws {
        try await schedules.upsert(
            name: "purge idempotency keys", tenantID: nil, kind: PurgeIdempotencyKeysJob.kindName, every: .seconds(3600))
        try await schedules.upsert(
            name: "purge event message ids", tenantID: nil, kind: PurgeEventMessageIDsJob.kindName, every: .seconds(3600))
        try await schedules.upsert(
            name: "event retention", tenantID: nil, kind: EventRetentionJob.kindName, every: .seconds(86_400))
        try await schedules.upsert(
            name: "schedule model training", tenantID: nil, kind: ScheduleModelTrainingJob.kindName, every: .seconds(3600))
        try await schedules.upsert(
            name: "purge privacy exports", tenantID: nil, kind: PrivacyJobs.purgeExportsKind, every: .seconds(600))
        try await schedules.upsert(
            name: "refresh scores", tenantID: nil, kind: RefreshScoresJob.kindName, every: .seconds(3600))
        try await schedules.upsert(
            name: "refresh due segments", tenantID: nil, kind: SegmentRefresher.scheduleJobKind, every: .seconds(60))
    }

    func makeWorker() -> Worker {
        Worker(
            queue: jobs, schedules: schedules, handlers: [
                PurgeIdempotencyKeysJob(store: idempotency),
                PurgeEventMessageIDsJob(retention: MessageIDRetention(pool: pool)),
                EventRetentionJob(
                    retention: EventRetention(pool: pool), policies: EventRetentionPolicies(pool: pool), queue: jobs),
                ScheduleModelTrainingJob(training: ModelTraining(pool: pool)),
                TrainAssociationRulesJob(pipeline: AssociationRulesPipeline(pool: pool, readers: personalData)),
                TrainRecommenderJob(pipeline: RecommenderPipeline(pool: pool, readers: personalData)),
                PrivacyRequestJob(processor: PrivacyRequestProcessor(pool: pool)),
                PrivacyCallbackJob(callbacks: StatusCallbacks(pool: pool)),
                PurgePrivacyExportsJob(exports: PrivacyExports(pool: pool)),
                TrainClassifierJob(kind: .propensity, pipeline: ClassifierPipeline(pool: pool, readers: personalData)),
                TrainClassifierJob(kind: .churn, pipeline: ClassifierPipeline(pool: pool, readers: personalData)),
                TrainLifetimeValueJob(pipeline: LifetimeValuePipeline(pool: pool, readers: personalData)),
                RefreshScoresJob(scorer: ProfileScorer(pool: pool, readers: personalData)),
                SegmentRefreshJob(refresher: SegmentRefresher(pool: pool, pools: personalData)),
                SegmentScheduleJob(refresher: SegmentRefresher(pool: pool, pools: personalData), jobs: jobs),
                TrainSegmentationJob(pipeline: SegmentationPipeline(pool: pool, readers: personalData)),
            ],
            configuration: WorkerConfiguration(concurrency: configuration.workerConcurrency), logger: logger)
    }
}

/// Why a command could not start.
enum RuntimeError: Error, CustomStringConvertible {
    case noDatabase
    case missingProjectFile(String, variable: String)

    var description: String {
        switch self {
        case .noDatabase:
            "DATABASE_URL is not set. Set it (postgresql://user@host:port/db) or use `atelier start`, which runs a private PostgreSQL."
        case .missingProjectFile(let path, let variable):
            "cannot find \(path); run from the project checkout or set \(variable)"
        }
    }
}
