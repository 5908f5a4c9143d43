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
        segments: SegmentServices, readiness: ReadinessProbe, openAPIDocument: [UInt8], metrics: PrometheusCollectorRegistry,
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
        self.segments = segments
        self.readiness = readiness
        self.openAPIDocument = openAPIDocument
        self.metrics = metrics
        self.refreshGauges = refreshGauges
    }
}
