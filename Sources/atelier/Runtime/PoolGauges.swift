import AtelierPostgres
import Prometheus

/// Database pool usage as Prometheus gauges: a pool always full with waiters is the first
/// sign that the database, not the API, is the bottleneck.
struct PoolGauges: Sendable {
    private let size: Gauge
    private let inUse: Gauge
    private let idle: Gauge
    private let waiting: Gauge

    init(registry: PrometheusCollectorRegistry) {
        func gauge(_ name: String, _ help: String) -> Gauge {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "atelier", subsystem: "db_pool", metricName: name, unitName: "", helpText: help))
        }
        size = gauge("connections", "Connections open to PostgreSQL.")
        inUse = gauge("in_use", "Connections lent to requests or jobs.")
        idle = gauge("idle", "Open connections waiting for work.")
        waiting = gauge("waiting", "Callers waiting for a connection.")
    }

    func update(_ statistics: PostgresPoolStatistics) {
        size.set(Int64(statistics.size))
        inUse.set(Int64(statistics.inUse))
        idle.set(Int64(statistics.idle))
        waiting.set(Int64(statistics.waiting))
    }
}
