import Foundation

/// How a worker process behaves; plain values with defaults suited to one small machine.
public struct WorkerConfiguration: Sendable {
    /// Jobs run at once by this process.
    public var concurrency: Int
    /// Pause between claims when the queue is empty.
    public var pollInterval: Duration
    /// How long a claimed job stays ours without a heartbeat; a crashed worker's job is
    /// claimed again after this.
    public var lease: Duration
    /// How often a running job's lease is extended (well under `lease`).
    public var heartbeatInterval: Duration
    /// How often due schedules are turned into jobs.
    public var schedulerInterval: Duration
    /// Identifies this worker in `jobs.lease_owner`, for operators reading the table.
    public var owner: String

    public init(
        concurrency: Int = 2, pollInterval: Duration = .seconds(1), lease: Duration = .seconds(60),
        heartbeatInterval: Duration = .seconds(20), schedulerInterval: Duration = .seconds(5),
        owner: String = WorkerConfiguration.defaultOwner()
    ) {
        self.concurrency = max(concurrency, 1)
        self.pollInterval = pollInterval
        self.lease = lease
        self.heartbeatInterval = heartbeatInterval
        self.schedulerInterval = schedulerInterval
        self.owner = owner
    }

    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }
}
