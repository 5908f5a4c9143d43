import Foundation

/// One trained (or training) version of a model, as the registry shows it: enough to tell what
/// was trained on what, how good it is and why it serves or not. JSON members are kept as
/// text, exactly as the pipeline wrote them.
public struct ModelVersion: Sendable, Equatable {
    public var kind: ModelKind
    public var version: Int
    public var status: ModelStatus
    public var algorithm: String
    public var parameters: String
    public var dataWindow: String
    public var rowCounts: String
    public var metrics: String
    public var decision: String?
    public var trainingSeconds: Double?
    public var peakMemoryBytes: Int64?
    public var jobID: UUID?
    public var createdAt: Date
    public var trainedAt: Date?
    public var promotedAt: Date?
}
