import AtelierHTTP
import Prometheus

/// Prometheus RED metrics per endpoint:
/// `http_requests_total{method,route,status}` and
/// `http_request_duration_seconds{method,route}`.
///
/// Labels use the route pattern, `unmatched` for paths no route matches, and `OTHER`
/// for non-standard methods, so scanners probing random URLs cannot create series.
public struct MetricsMiddleware: Middleware {
    private let registry: PrometheusCollectorRegistry
    private let buckets: [Duration]

    public static let defaultBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    public init(registry: PrometheusCollectorRegistry, buckets: [Duration] = Self.defaultBuckets) {
        self.registry = registry
        self.buckets = buckets
    }

    public func handle(_ request: Request, next: @escaping RouteHandler) async throws -> HTTPResponse {
        try await RequestTiming.measure(request, next: next) { status, duration in
            let method = Self.standardMethods.contains(request.http.method) ? request.http.method.rawValue : "OTHER"
            let route = request.route ?? "unmatched"
            registry.makeCounter(
                descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))]
            ).increment()
            registry.makeDurationHistogram(
                descriptor: Self.duration, labels: [("method", method), ("route", route)], buckets: buckets
            ).record(duration)
        }
    }

    private static let standardMethods: Set<HTTPMethod> = [.get, .head, .post, .put, .patch, .delete, .options]

    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered.")
    }

    private static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer HTTP requests.")
    }
}
