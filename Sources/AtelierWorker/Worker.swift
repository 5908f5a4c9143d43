import AtelierDomain
import Foundation
import Logging
import Synchronization

/// Claims and runs jobs, and fires schedules. Several worker processes may run against one
/// database: claims use `SKIP LOCKED`, leases recover jobs from crashed workers.
public final class Worker: Sendable {
    private let queue: JobQueue
    private let schedules: JobSchedules
    private let handlers: [String: any JobHandler]
    private let configuration: WorkerConfiguration
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)

    public init(
        queue: JobQueue, schedules: JobSchedules, handlers: [any JobHandler], configuration: WorkerConfiguration,
        logger: Logger
    ) {
        self.queue = queue
        self.schedules = schedules
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until `stop()`; a job in progress is finished before this returns.
    public func run() async {
        logger.info(
            "worker started",
            metadata: ["owner": "\(configuration.owner)", "kinds": "\(handlers.keys.sorted().joined(separator: ","))"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.scheduleLoop() }
            for _ in 0..<configuration.concurrency {
                group.addTask { await self.claimLoop() }
            }
        }
        logger.info("worker stopped", metadata: ["owner": "\(configuration.owner)"])
    }

    /// Asks the loops to finish their current job and return.
    public func stop() {
        stopping.store(true, ordering: .relaxed)
    }

    /// Claims and runs at most one job; true when one ran. Exposed so tests and the
    /// `atelier worker --once` mode can drive the queue step by step.
    @discardableResult
    public func runOnce() async -> Bool {
        let job: Job
        do {
            guard let claimed = try await queue.claim(
                owner: configuration.owner, kinds: handlers.keys.sorted(), lease: configuration.lease)
            else { return false }
            job = claimed
        } catch {
            logger.error("claiming a job failed", metadata: ["error": "\(error)"])
            return false
        }
        await execute(job)
        return true
    }

    private var isStopping: Bool { stopping.load(ordering: .relaxed) }

    private func claimLoop() async {
        while !isStopping {
            if await !runOnce() {
                await pause(for: configuration.pollInterval)
            }
        }
    }

    private func scheduleLoop() async {
        while !isStopping {
            do {
                let fired = try await schedules.fireDue()
                if fired > 0 { logger.debug("schedules fired", metadata: ["count": "\(fired)"]) }
            } catch {
                logger.error("firing schedules failed", metadata: ["error": "\(error)"])
            }
            await pause(for: configuration.schedulerInterval)
        }
    }

    /// Sleeps in short slices so `stop()` takes effect within a tenth of a second instead of
    /// after a whole poll or scheduler interval.
    private func pause(for duration: Duration) async {
        let deadline = ContinuousClock.now + duration
        while !isStopping, ContinuousClock.now < deadline {
            try? await Task.sleep(for: min(.milliseconds(100), deadline - ContinuousClock.now))
        }
    }

    private func execute(_ job: Job) async {
        guard let handler = handlers[job.kind] else { return }
        var metadata: Logger.Metadata = ["job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempts)"]
        let started = ContinuousClock.now
        let heartbeat = Task { await self.keepLeased(job) }
        defer { heartbeat.cancel() }
        do {
            let result = try await handler.run(job)
            heartbeat.cancel()
            try await queue.complete(jobID: job.id, owner: configuration.owner, result: result)
            metadata["duration"] = "\(ContinuousClock.now - started)"
            logger.info("job succeeded", metadata: metadata)
        } catch {
            heartbeat.cancel()
            metadata["error"] = "\(error)"
            logger.warning("job failed", metadata: metadata)
            do {
                try await queue.fail(job: job, owner: configuration.owner, error: "\(error)")
            } catch {
                logger.error("recording a job failure failed; its lease will expire", metadata: ["error": "\(error)"])
            }
        }
    }

    private func keepLeased(_ job: Job) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.heartbeatInterval)
            guard !Task.isCancelled else { return }
            do {
                let held = try await queue.heartbeat(jobID: job.id, owner: configuration.owner, lease: configuration.lease)
                if !held { logger.warning("lost the lease of a running job", metadata: ["job": "\(job.id)"]) }
            } catch {
                logger.warning("heartbeat failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
    }
}
