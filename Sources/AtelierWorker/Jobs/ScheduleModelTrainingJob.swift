import AtelierDomain

/// `models:schedule` (system-wide, hourly): queues the trainings each tenant's cadence makes due.
public struct ScheduleModelTrainingJob: JobHandler {
    public static let kindName = "models:schedule"
    public var kind: String { Self.kindName }

    private let training: ModelTraining

    public init(training: ModelTraining) {
        self.training = training
    }

    public func run(_ job: Job) async throws -> String? {
        #"{"queued":\#(try await training.enqueueDue())}"#
    }
}
