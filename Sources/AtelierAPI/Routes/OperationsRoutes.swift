import AtelierDomain
import AtelierHTTP
import AtelierREST
import Prometheus

/// Unauthenticated routes for operators and load balancers: liveness, readiness,
/// Prometheus metrics and the OpenAPI contract itself.
struct OperationsRoutes {
    let readiness: ReadinessProbe
    let metrics: PrometheusCollectorRegistry
    let refreshGauges: @Sendable () -> Void
    let openAPIDocument: [UInt8]

    private static let healthBody = Array(#"{"status":"ok"}"#.utf8)

    func register(on router: some RouteBuilder) {
        router.get("/healthz") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: Self.healthBody)
        }
        router.get("/readyz") { [readiness] _ in
            let report = await readiness.check()
            guard report.ready else {
                throw Problem.serviceUnavailable(
                    "Not ready: database \(report.database), migrations \(report.migrations).", retryAfterSeconds: 1)
            }
            return try .json(report)
        }
        router.get("/metrics") { [metrics, refreshGauges] _ in
            refreshGauges()
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return HTTPResponse(
                status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: buffer)
        }
        router.get("/openapi.yaml") { [openAPIDocument] _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/yaml"], body: openAPIDocument)
        }
    }
}
