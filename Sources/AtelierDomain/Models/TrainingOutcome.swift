/// What a training pipeline reports to the registry about a version it trained. The JSON
/// members are the pipeline's own, documented with it.
public struct TrainingOutcome: Sendable {
    public var parameters: String
    public var dataWindow: String
    public var rowCounts: String
    public var metrics: String
    public var trainingSeconds: Double
    public var peakMemoryBytes: Int64?
    /// The comparison with the serving version: true when the new version is not worse on the
    /// same holdout (or nothing serves yet), so it goes into service.
    public var promote: Bool
    public var decision: String

    public init(
        parameters: String, dataWindow: String, rowCounts: String, metrics: String, trainingSeconds: Double,
        peakMemoryBytes: Int64?, promote: Bool, decision: String
    ) {
        self.parameters = parameters
        self.dataWindow = dataWindow
        self.rowCounts = rowCounts
        self.metrics = metrics
        self.trainingSeconds = trainingSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.promote = promote
        self.decision = decision
    }
}
