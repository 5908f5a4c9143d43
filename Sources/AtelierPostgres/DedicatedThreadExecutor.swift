import Foundation

/// A serial executor that runs every job on one thread of its own.
///
/// Each connection's actor runs on one of these, so libpq's blocking calls (connect, query,
/// COPY) park this thread and never one of the few threads of Swift's cooperative pool.
final class DedicatedThreadExecutor: SerialExecutor, @unchecked Sendable {  // `jobs` and `isStopping` are guarded by `condition`
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var isStopping = false

    /// - Parameter name: the thread's name, as `top -H`, `perf` and `/proc` show it (Linux keeps
    ///   the first 15 bytes); without it every thread inherits its creator's name.
    init(name: String) {
        let thread = Thread { [self] in
            Self.nameCurrentThread(name)
            runLoop()
        }
        thread.name = name
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish the jobs already queued, then exit. Jobs enqueued afterwards
    /// never run, so call this only once nothing will use the executor again.
    func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        let executor = asUnownedSerialExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty && !isStopping {
                condition.wait()
            }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(on: executor)
            }
        }
    }

    /// Names the calling thread through `/proc/thread-self/comm` (Glibc's `pthread_setname_np`
    /// is not visible to Swift); a failure only leaves the inherited name.
    private static func nameCurrentThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY)
        guard descriptor >= 0 else { return }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }
}
