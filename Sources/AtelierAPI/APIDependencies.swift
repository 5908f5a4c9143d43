import AtelierDomain
import Foundation
import Prometheus

/// The domain services and documents the HTTP API needs, handed in by the executable so
/// this target never builds a database pool itself (and never sees SQL).
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

    public init(
        tenants: TenantDirectory, apiKeys: APIKeyService, jobs: JobQueue, idempotency: IdempotencyStore,
        orders: OrderBook, returns: ReturnBook, catalogue: ItemCatalogue,
        ingestion: IngestionService, profiles: ProfileReader, timeline: ProfileTimeline, merges: MergeHistory,
        identityRules: IdentityRuleStore, consents: ConsentLedger, consentPurposes: ConsentPurposeCatalogue,
        audit: AuditLog, auditTrail: AuditTrail, retentionPolicies: EventRetentionPolicies,
        models: ModelRegistry, training: ModelTraining, boughtTogether: BoughtTogether,
        recommenders: RecommenderServices,
        privacy: PrivacyServices,
        scores: ScoreReader, offers: NextBestOffer, offerRules: OfferRuleStore,
        segments: SegmentServices, readiness: ReadinessProbe, openAPIDocument: [UInt8],
        metrics: PrometheusCollectorRegistry,
        refreshGauges: @escaping @Sendable () -> Void = {}
    ) {
        self.tenants = tenants
        self.apiKeys = apiKeys
        self.jobs = jobs
        self.idempotency = idempotency
        self.orders = orders
        self.returns = returns
        self.catalogue = catalogue
        self.ingestion = ingestion
        self.profiles = profiles
        self.timeline = timeline
        self.merges = merges
        self.identityRules = identityRules
        self.consents = consents
        self.consentPurposes = consentPurposes
        self.audit = audit
        self.auditTrail = auditTrail
        self.retentionPolicies = retentionPolicies
        self.models = models
        self.training = training
        self.boughtTogether = boughtTogether
        self.recommenders = recommenders
        self.privacy = privacy
        self.scores = scores
        self.offers = offers
        self.offerRules = offerRules
        self.segments = segments
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
