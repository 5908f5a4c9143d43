import AtelierHTTP
import AtelierREST
import Logging

/// Where every request is routed: the whole API surface in one place. Operations routes
/// are public; everything under `/v1` passes authentication, then idempotency, and each
/// handler checks the scope it needs.
public enum APIApplication {
    public static func makeRouter(dependencies: APIDependencies) -> Router {
        let router = Router()
        OperationsRoutes(
            readiness: dependencies.readiness, metrics: dependencies.metrics,
            refreshGauges: dependencies.refreshGauges, openAPIDocument: dependencies.openAPIDocument
        ).register(on: router)
        let v1Middleware: [any Middleware] = [
            AuthenticationMiddleware(apiKeys: dependencies.apiKeys),
            IdempotencyMiddleware(store: dependencies.idempotency),
        ]
        router.group("/v1", middleware: v1Middleware) { v1 in
            TenantRoutes(tenants: dependencies.tenants).register(on: v1)
            KeyRoutes(apiKeys: dependencies.apiKeys, audit: dependencies.audit).register(on: v1)
            JobRoutes(jobs: dependencies.jobs).register(on: v1)
            TrackingRoutes(ingestion: dependencies.ingestion).register(on: v1)
            ProfileRoutes(
                profiles: dependencies.profiles, timeline: dependencies.timeline, merges: dependencies.merges,
                audit: dependencies.audit
            ).register(on: v1)
            IdentityRoutes(rules: dependencies.identityRules, audit: dependencies.audit).register(on: v1)
            OrderRoutes(orders: dependencies.orders).register(on: v1)
            ReturnRoutes(returns: dependencies.returns).register(on: v1)
            ItemRoutes(catalogue: dependencies.catalogue).register(on: v1)
            ImportRoutes(ingestion: dependencies.ingestion, orders: dependencies.orders, catalogue: dependencies.catalogue)
                .register(on: v1)
            ConsentRoutes(ledger: dependencies.consents, purposes: dependencies.consentPurposes).register(on: v1)
            AuditRoutes(trail: dependencies.auditTrail).register(on: v1)
            RetentionRoutes(policies: dependencies.retentionPolicies, audit: dependencies.audit).register(on: v1)
            ModelRoutes(registry: dependencies.models, training: dependencies.training).register(on: v1)
            RecommendationRoutes(boughtTogether: dependencies.boughtTogether, recommenders: dependencies.recommenders)
                .register(on: v1)
            PrivacyRoutes(
                requests: dependencies.privacy.requests, exports: dependencies.privacy.exports,
                settings: dependencies.privacy.settings
            ).register(on: v1)
            ScoreRoutes(scores: dependencies.scores, offers: dependencies.offers, rules: dependencies.offerRules)
                .register(on: v1)
            SegmentRoutes(segments: dependencies.segments).register(on: v1)
            AudienceRoutes(segments: dependencies.segments).register(on: v1)
            ClusterRoutes(segments: dependencies.segments).register(on: v1)
        }
        return router
    }

    /// The responder the HTTP server runs: the routes wrapped in the global middleware
    /// (access log outermost, then metrics). Handler time is bounded by the transport's
    /// responder deadline, which cancels the request's task (answered 503 handler-timeout).
    public static func make(dependencies: APIDependencies, logger: Logger) throws -> Application {
        let routes = try makeRouter(dependencies: dependencies).freeze()
        return Application(
            routes: routes,
            middleware: [
                AccessLogMiddleware(logger: logger),
                MetricsMiddleware(registry: dependencies.metrics),
            ],
            logger: logger)
    }
}
