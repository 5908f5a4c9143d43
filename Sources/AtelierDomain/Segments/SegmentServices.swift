import AtelierPostgres

/// Everything segments, automatic segments and audiences need, built from the owner's pool (definitions, writes,
/// the delivery log) and the purpose pools (every read of members), so callers wire one value.
public struct SegmentServices: Sendable {
    public var store: SegmentStore
    public var evaluator: SegmentEvaluator
    public var memberships: SegmentMemberships
    public var refresher: SegmentRefresher
    public var audiences: AudienceStore
    public var delivery: AudienceDelivery
    public var jobs: JobQueue
    /// Clusters of the automatic segmentation, and saving one as a segment.
    public var clusters: ClusterCatalogue

    public init(pool: PostgresPool, personalData: PersonalDataPools) {
        store = SegmentStore(pool: pool)
        evaluator = SegmentEvaluator(pools: personalData)
        memberships = SegmentMemberships(pools: personalData)
        refresher = SegmentRefresher(pool: pool, pools: personalData)
        audiences = AudienceStore(pool: pool)
        delivery = AudienceDelivery(pool: pool, pools: personalData)
        jobs = JobQueue(pool: pool)
        clusters = ClusterCatalogue(pool: pool)
    }
}
