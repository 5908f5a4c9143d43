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
            pool: pool, personalData: personalData, apiKeys: makeAPIKeys(),
            readiness: ReadinessProbe(pool: pool, migrations: migrations), openAPIDocument: openAPIDocument,
            metrics: registry, refreshGauges: { gauges.update(pool.statistics) })
    }
}
