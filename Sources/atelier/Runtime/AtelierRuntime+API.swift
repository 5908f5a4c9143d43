import AtelierAPI
import AtelierDomain
import Prometheus

extension AtelierRuntime {
    /// Everything the HTTP API needs, including pool gauges refreshed at each scrape.
    func apiDependencies(openAPIDocument: [UInt8]) -> APIDependencies {
        let registry = PrometheusCollectorRegistry()
        let gauges = PoolGauges(registry: registry)
        let pool = pool
        return APIDependencies(
            tenants: tenants, apiKeys: makeAPIKeys(), jobs: jobs, idempotency: idempotency,
            orders: OrderBook(pool: pool), returns: ReturnBook(pool: pool), catalogue: ItemCatalogue(pool: pool),
            ingestion: IngestionService(pool: pool),
            profiles: ProfileReader(pool: pool, purchases: PurchaseSummaryService(pool: pool)),
            timeline: ProfileTimeline(pool: pool), merges: MergeHistory(pool: pool), identityRules: IdentityRuleStore(pool: pool),
            privacy: PrivacyServices(
                requests: PrivacyRequestStore(pool: pool), exports: PrivacyExports(pool: pool),
                settings: PrivacySettingsStore(pool: pool)),
            readiness: ReadinessProbe(pool: pool, migrations: migrations), openAPIDocument: openAPIDocument,
            metrics: registry, refreshGauges: { gauges.update(pool.statistics) })
    }
}
