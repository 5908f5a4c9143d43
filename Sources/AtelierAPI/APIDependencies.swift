import AtelierDomain
import AtelierPostgres
import Foundation
import Prometheus

/// The domain services and documents the HTTP API needs. The executable (and the tests) hand
/// in the pools, so this target never opens a database connection itself (and never sees SQL).
public struct APIDependencies: Sendable {
    public var tenants: TenantDirectory
    public var apiKeys: APIKeyService
    public var jobs: JobQueue
    public var idempotency: IdempotencyStore
    public var orders: OrderBook
    public var returns: ReturnBook
    public var catalogue: ItemCatalogue
    public var ingestion: IngestionService
    /// The single customer view; built with the purchase summary provider, if any.
    public var profiles: ProfileReader
    public var timeline: ProfileTimeline
    public var merges: MergeHistory
    public var identityRules: IdentityRuleStore
    public var consents: ConsentLedger
    public var consentPurposes: ConsentPurposeCatalogue
    /// Appends audit entries (refusals the routes see); the services append their own.
    public var audit: AuditLog
    public var auditTrail: AuditTrail
    public var retentionPolicies: EventRetentionPolicies
    public var models: ModelRegistry
    public var training: ModelTraining
    public var boughtTogether: BoughtTogether
    /// Personal and anonymous-cart recommendations from the serving recommender version.
    public var recommenders: RecommenderServices
    /// Privacy requests, their exports and the tenant's privacy settings (issue 4).
    public var privacy: PrivacyServices
    /// Scores of a profile (read for analytics) and the next best offer (for personalization).
    public var scores: ScoreReader
    public var offers: NextBestOffer
    public var offerRules: OfferRuleStore
    /// Segments, memberships and partner audiences.
    public var segments: SegmentServices
    public var readiness: ReadinessProbe
    /// The bytes of `openapi/openapi.yaml`, served at `/openapi.yaml`.
    public var openAPIDocument: [UInt8]
    public var metrics: PrometheusCollectorRegistry
    /// Called before each `/metrics` scrape to refresh gauges (pool usage) read on demand.
    public var refreshGauges: @Sendable () -> Void

    /// Builds every service the one way production and the tests both need: facts, ledgers and
    /// registries on the owner's `pool`; every read of personal data on the purpose pools of
    /// `personalData`, so consent is enforced by the database for each of them. Only what
    /// differs between a deployment and a test is a parameter.
    ///
    /// - Parameters:
    ///   - apiKeys: the key service (its authentication cache lifetime is a deployment choice).
    ///   - readiness: what `/readyz` checks (the migrations directory differs per deployment).
    ///   - refreshGauges: called before each `/metrics` scrape.
    public init(
        pool: PostgresPool, personalData: PersonalDataPools, apiKeys: APIKeyService, readiness: ReadinessProbe,
        openAPIDocument: [UInt8], metrics: PrometheusCollectorRegistry,
        refreshGauges: @escaping @Sendable () -> Void = {}
    ) {
        tenants = TenantDirectory(pool: pool)
        self.apiKeys = apiKeys
        jobs = JobQueue(pool: pool)
        idempotency = IdempotencyStore(pool: pool)
        orders = OrderBook(pool: pool)
        returns = ReturnBook(pool: pool)
        catalogue = ItemCatalogue(pool: pool)
        ingestion = IngestionService(pool: pool)
        profiles = ProfileReader(pools: personalData, purchases: PurchaseSummaryService(pools: personalData))
        timeline = ProfileTimeline(pools: personalData)
        merges = MergeHistory(pool: pool, readers: personalData)
        identityRules = IdentityRuleStore(pool: pool)
        consents = ConsentLedger(pool: pool)
        consentPurposes = ConsentPurposeCatalogue(pool: pool)
        audit = AuditLog(pool: pool)
        auditTrail = AuditTrail(pool: pool)
        retentionPolicies = EventRetentionPolicies(pool: pool)
        models = ModelRegistry(pool: pool)
        training = ModelTraining(pool: pool)
        boughtTogether = BoughtTogether(pool: pool)
        recommenders = RecommenderServices(pool: pool, readers: personalData)
        privacy = PrivacyServices(
            requests: PrivacyRequestStore(pool: pool), exports: PrivacyExports(pool: pool),
            settings: PrivacySettingsStore(pool: pool))
        scores = ScoreReader(pools: personalData)
        offers = NextBestOffer(pool: pool, readers: personalData)
        offerRules = OfferRuleStore(pool: pool)
        segments = SegmentServices(pool: pool, personalData: personalData)
        self.readiness = readiness
        self.openAPIDocument = openAPIDocument
        self.metrics = metrics
        self.refreshGauges = refreshGauges
    }
}

/// The privacy officer's services, built from one pool.
public struct PrivacyServices: Sendable {
    public var requests: PrivacyRequestStore
    public var exports: PrivacyExports
    public var settings: PrivacySettingsStore

    public init(requests: PrivacyRequestStore, exports: PrivacyExports, settings: PrivacySettingsStore) {
        self.requests = requests
        self.exports = exports
        self.settings = settings
    }
}
