import AtelierAPI
import AtelierDomain
import Prometheus

extension AtelierRuntime {
    /// Everything the HTTP API needs, including pool gauges refreshed at each scrape.
    func apiDependencies(openAPIDocument: [UInt8]) -> APIDependencies {
        let registry = PrometheusCollectorRegistry()
        let gauges = PoolGauges(registry: registry)
        let pool = pool
        let readers = personalData
        return APIDependencies(
            tenants: tenants, apiKeys: makeAPIKeys(), jobs: jobs, idempotency: idempotency,
            orders: OrderBook(pool: pool), returns: ReturnBook(pool: pool), catalogue: ItemCatalogue(pool: pool),
            ingestion: IngestionService(pool: pool),
            profiles: ProfileReader(pools: readers, purchases: PurchaseSummaryService(pools: readers)),
            timeline: ProfileTimeline(pools: readers), merges: MergeHistory(pool: pool, readers: readers),
            identityRules: IdentityRuleStore(pool: pool),
            consents: ConsentLedger(pool: pool), consentPurposes: ConsentPurposeCatalogue(pool: pool),
            audit: AuditLog(pool: pool), auditTrail: AuditTrail(pool: pool),
            retentionPolicies: EventRetentionPolicies(pool: pool),
            models: ModelRegistry(pool: pool), training: ModelTraining(pool: pool), boughtTogether: BoughtTogether(pool: pool),
            recommenders: RecommenderServices(pool: pool, readers: readers),
            privacy: PrivacyServices(
                requests: PrivacyRequestStore(pool: pool), exports: PrivacyExports(pool: pool),
                settings: PrivacySettingsStore(pool: pool)),
            scores: ScoreReader(pools: readers), offers: NextBestOffer(pool: pool, readers: readers),
            offerRules: OfferRuleStore(pool: pool),
            segments: SegmentServices(pool: pool, personalData: readers),
            readiness: ReadinessProbe(pool: pool, migrations: migrations), openAPIDocument: openAPIDocument,
            metrics: registry, refreshGauges: { gauges.update(pool.statistics) })
    }
}
