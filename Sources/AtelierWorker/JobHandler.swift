import AtelierDomain

/// One kind of background work. The worker claims jobs of the kinds it has handlers for,
/// so a new capability adds a handler and registers it; nothing else changes.
public protocol JobHandler: Sendable {
    /// The job kind this handler runs, e.g. `train:recommender`.
    var kind: String { get }

    /// Runs one job; the returned JSON text is stored as the job's result. Throwing makes the
    /// job retry with backoff, until its attempts are spent.
    func run(_ job: Job) async throws -> String?
}
