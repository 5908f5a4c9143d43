import AtelierDomain

/// `scores:refresh` (system-wide, hourly): rescores every profile of every tenant with the
/// serving propensity, churn and lifetime-value versions, so facts that arrived since the last
/// training show in the scores within the hour. Queued for one tenant after a promotion by hand.
public struct RefreshScoresJob: JobHandler {
    public static let kindName = ProfileScorer.refreshJobKind
    public var kind: String { Self.kindName }

    private let scorer: ProfileScorer

    public init(scorer: ProfileScorer) {
        self.scorer = scorer
    }

    public func run(_ job: Job) async throws -> String? {
        #"{"scored":\#(try await scorer.refreshAll(tenantID: job.tenantID))}"#
    }
}
