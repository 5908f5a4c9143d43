import Logging
import Synchronization

import Glibc

/// The HTTP/1.1 server: N event-loop threads over epoll, each with its own listening
/// socket (`SO_REUSEPORT`), handing complete requests to the responder as tasks and
/// writing the answers back in order. The loops are plain threads, not Swift's
/// cooperative pool, so socket work never competes with responders for pool threads
/// and a slow responder never stalls a loop.
public final class HTTPServer: Sendable {
    private enum Phase {
        case created
        case starting
        case running(threads: [pthread_t], mailboxes: [LoopMailbox])
        case stopping(threads: [pthread_t])
        case stopped
    }

    private struct State {
        var phase = Phase.created
        var runningLoops = 0
        /// A shutdown asked for while `start()` was still setting up.
        var pendingShutdown: Duration?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let configuration: HTTPServerConfiguration
    private let responder: any HTTPResponder
    private let logger: Logger
    private let state = Mutex(State())

    public init(configuration: HTTPServerConfiguration, responder: any HTTPResponder, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
    }

    /// Binds, listens and starts the event-loop threads; returns the bound port, which
    /// is how a caller that asked for port 0 (tests, ephemeral servers) learns it.
    /// Fails with the system's reason when the address cannot be bound.
    public func start() throws(HTTPServerError) -> UInt16 {
        let alreadyStarted = state.withLock { state -> Bool in
            guard case .created = state.phase else { return true }
            state.phase = .starting
            return false
        }
        guard !alreadyStarted else { throw .alreadyStarted }

        let loops: [EventLoop]
        let mailboxes: [LoopMailbox]
        let port: UInt16
        do {
            (loops, mailboxes, port) = try makeLoops()
        } catch {
            resetToCreated()
            throw error
        }

        state.withLock { $0.runningLoops = loops.count }
        var threads: [pthread_t] = []
        for loop in loops {
            guard let thread = spawnThread(running: LoopRunner(loop: loop)) else {
                let error = HTTPServerError.systemCall("pthread_create")
                abandonStart(started: threads, mailboxes: mailboxes, unstarted: loops.dropFirst(threads.count))
                throw error
            }
            threads.append(thread)
        }
        let pendingShutdown = state.withLock { state -> Duration? in
            if state.pendingShutdown == nil {
                state.phase = .running(threads: threads, mailboxes: mailboxes)
            } else {
                state.phase = .stopping(threads: threads)
            }
            return state.pendingShutdown
        }
        logger.info(
            "HTTP server listening",
            metadata: ["host": "\(configuration.host)", "port": "\(port)", "eventLoops": "\(loops.count)"])
        if let pendingShutdown {
            for mailbox in mailboxes { mailbox.requestShutdown(gracePeriod: pendingShutdown) }
        }
        return port
    }

    /// Stops accepting at once, closes idle keep-alive connections, lets requests under
    /// way finish for up to `gracePeriod` (their responses say `Connection: close`), then
    /// closes whatever is left and joins the loop threads. Returns once all is stopped.
    public func shutdown(gracePeriod: Duration) async {
        let mailboxes = state.withLock { state -> [LoopMailbox] in
            switch state.phase {
            case .created:
                state.phase = .stopped
                return []
            case .starting:
                state.pendingShutdown = gracePeriod
                return []
            case .running(let threads, let mailboxes):
                state.phase = .stopping(threads: threads)
                return mailboxes
            case .stopping, .stopped:
                return []
            }
        }
        for mailbox in mailboxes {
            mailbox.requestShutdown(gracePeriod: gracePeriod)
        }
        await waitUntilStopped()
        let threads = state.withLock { state -> [pthread_t] in
            guard case .stopping(let threads) = state.phase else { return [] }
            state.phase = .stopped
            return threads
        }
        // Every loop has already signalled its end, so each join returns at once.
        for thread in threads {
            pthread_join(thread, nil)
        }
    }

    /// Suspends until every event loop has stopped (returns at once for a server never started),
    /// so `serve` can park its main task on the server's lifetime.
    public func waitUntilStopped() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let stopped = state.withLock { state -> Bool in
                switch state.phase {
                case .created, .stopped:
                    return true
                case .stopping where state.runningLoops == 0:
                    return true
                case .starting, .running, .stopping:
                    state.waiters.append(continuation)
                    return false
                }
            }
            if stopped { continuation.resume() }
        }
    }

    // MARK: - Setup

    private func makeLoops() throws(HTTPServerError) -> ([EventLoop], [LoopMailbox], UInt16) {
        var listeners: [Int32] = []
        var mailboxes: [LoopMailbox] = []
        var loops: [EventLoop] = []
        let budget = ConnectionBudget(limit: configuration.maxConnections)
        var port = configuration.port
        try ListeningSocket.ensureAvailable(host: configuration.host, port: port)
        do throws(HTTPServerError) {
            for _ in 0..<max(1, configuration.eventLoopCount) {
                let listener = try ListeningSocket.open(
                    host: configuration.host, port: port, backlog: configuration.backlog)
                listeners.append(listener.fd)
                port = listener.port
                let mailbox = try LoopMailbox()
                mailboxes.append(mailbox)
                loops.append(
                    try EventLoop(
                        listenerFD: listener.fd, mailbox: mailbox, budget: budget, configuration: configuration,
                        responder: responder, logger: logger))
            }
        } catch {
            // Loops own their listener and mailbox; release what no loop took over yet.
            for loop in loops { loop.discard() }
            for listener in listeners.dropFirst(loops.count) { close(listener) }
            for mailbox in mailboxes.dropFirst(loops.count) { mailbox.close() }
            throw error
        }
        return (loops, mailboxes, port)
    }

    /// Runs the loop on a new thread; nil when the system refuses to create one.
    private func spawnThread(running runner: LoopRunner) -> pthread_t? {
        let start = ThreadStart { [self] in
            // Named for `top -H` and `perf` (Glibc's pthread_setname_np is not visible to Swift).
            let descriptor = open("/proc/thread-self/comm", O_WRONLY)
            if descriptor >= 0 {
                _ = write(descriptor, "http-loop", 9)
                close(descriptor)
            }
            runner.loop.run()
            loopDidStop()
        }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(start).toOpaque()
        let created = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<ThreadStart>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// Undoes a start that could not create every thread: stops the loops already
    /// running, releases the others, and leaves the server as if never started.
    private func abandonStart(started threads: [pthread_t], mailboxes: [LoopMailbox], unstarted: ArraySlice<EventLoop>)
    {
        for loop in unstarted { loop.discard() }
        for mailbox in mailboxes.prefix(threads.count) { mailbox.requestShutdown(gracePeriod: .zero) }
        for thread in threads { pthread_join(thread, nil) }
        resetToCreated()
    }

    /// After a failed start: the server may be started again, and anyone waiting for it
    /// to stop is released, since nothing runs.
    private func resetToCreated() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.phase = .created
            state.runningLoops = 0
            state.pendingShutdown = nil
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func loopDidStop() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.runningLoops -= 1
            guard state.runningLoops <= 0 else { return [] }
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Moves a loop, built on the starting thread, to the thread that runs it.
// @unchecked Sendable: the loop is handed over once and then only touched by its own thread.
private final class LoopRunner: @unchecked Sendable {
    let loop: EventLoop

    init(loop: EventLoop) {
        self.loop = loop
    }
}

/// The body of a new thread, passed through `pthread_create`'s context pointer.
private final class ThreadStart: Sendable {
    let body: @Sendable () -> Void

    init(body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}
