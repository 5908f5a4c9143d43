import Logging

import Glibc

/// One event-loop thread's work: its own epoll instance, its own listening socket and
/// the connections it accepted. Everything here runs on that one thread; other threads
/// reach it only through its `LoopMailbox`.
///
/// Sockets are registered edge-triggered for input and output once, so a connection
/// costs no `epoll_ctl` after accept. Timeouts are checked by sweeping all connections
/// every quarter second, which bounds both the error on each deadline and the cost.
final class EventLoop {
    private static let mailboxToken = UInt64.max
    private static let listenerToken = UInt64.max - 1
    private static let sweepInterval: UInt64 = 250_000_000
    private static let maxEvents = 256

    private let system: SystemFunctions
    private let epollFD: Int32
    private var listenerFD: Int32
    private let mailbox: LoopMailbox
    private let budget: ConnectionBudget
    private let environment: LoopEnvironment
    private let logger: Logger

    private var connections: [Connection?] = []
    private var connectionCount = 0
    private var generation: UInt32 = 0
    private var nextSweep: UInt64 = 0
    private var acceptPaused = false
    private var shutdownDeadline: UInt64?
    private var deliveries: [LoopMailbox.Delivery] = []

    /// Creates the epoll instance and registers the listener and the mailbox; on failure
    /// nothing is left open except what the caller passed in.
    init(
        listenerFD: Int32, mailbox: LoopMailbox, budget: ConnectionBudget, configuration: HTTPServerConfiguration,
        responder: any HTTPResponder, logger: Logger
    ) throws(HTTPServerError) {
        system = try SystemFunctions.required()
        let epollFD = try Epoll.create()
        guard Epoll.add(listenerFD, to: epollFD, events: Epoll.input | Epoll.edgeTriggered, token: Self.listenerToken),
            Epoll.add(mailbox.eventFD, to: epollFD, events: Epoll.input, token: Self.mailboxToken)
        else {
            let error = HTTPServerError.systemCall("epoll_ctl")
            Glibc.close(epollFD)
            throw error
        }
        self.epollFD = epollFD
        self.listenerFD = listenerFD
        self.mailbox = mailbox
        self.budget = budget
        self.logger = logger
        environment = LoopEnvironment(
            responder: responder, mailbox: mailbox, configuration: configuration, logger: logger)
    }

    /// Runs until shutdown completes, then releases every descriptor the loop owns.
    func run() {
        let events = Epoll.EventBuffer(capacity: Self.maxEvents)
        defer {
            events.deallocate()
            closeListener()
            Glibc.close(epollFD)
            mailbox.close()
        }
        updateClock()
        nextSweep = environment.now + Self.sweepInterval
        while true {
            let timeout: Int32 = shutdownDeadline == nil ? 250 : 50
            let count = Epoll.wait(epollFD, into: events, timeoutMilliseconds: timeout)
            updateClock()
            if count < 0 && errno != EINTR {
                logger.critical("epoll_wait failed", metadata: ["errno": "\(errno)"])
                closeAllConnections()
                return
            }
            for index in 0..<Int(max(0, count)) {
                handle(events: events.events(at: index), token: events.token(at: index))
            }
            let shutdownGracePeriod = deliverResponses()
            if shutdownDeadline == nil, let shutdownGracePeriod {
                beginShutdown(gracePeriod: shutdownGracePeriod)
            }
            if environment.now >= nextSweep {
                nextSweep = environment.now + Self.sweepInterval
                sweep()
            }
            if let deadline = shutdownDeadline, connectionCount == 0 || environment.now >= deadline {
                closeAllConnections()
                return
            }
        }
    }

    /// Releases the loop's descriptors when it will never run.
    func discard() {
        closeListener()
        Glibc.close(epollFD)
        mailbox.close()
    }

    private func updateClock() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        environment.now = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        environment.date.update()
    }

    private func handle(events flags: UInt32, token: UInt64) {
        if token == Self.mailboxToken {
            mailbox.acknowledgeWakeUp()
            return
        }
        if token == Self.listenerToken {
            acceptConnections()
            return
        }
        guard let connection = connection(for: token) else { return }
        let hangUp = flags & (Epoll.readHangUp | Epoll.hangUp | Epoll.error) != 0
        if flags & Epoll.output != 0 {
            connection.onWritable()
        }
        if !connection.isClosed && (hangUp || flags & Epoll.input != 0) {
            connection.onReadable(hangUp: hangUp)
        }
        forgetIfClosed(connection)
    }

    private func connection(for token: UInt64) -> Connection? {
        let fd = Int(token & 0xFFFF_FFFF)
        guard fd < connections.count, let connection = connections[fd], connection.key == token else { return nil }
        return connection
    }

    private func forgetIfClosed(_ connection: Connection) {
        guard connection.isClosed else { return }
        connections[Int(connection.fd)] = nil
        connectionCount -= 1
        budget.release()
    }

    /// Hands finished responses to their connections; returns the grace period once shutdown is requested.
    private func deliverResponses() -> Duration? {
        let shutdownGracePeriod = mailbox.take(into: &deliveries)
        for delivery in deliveries {
            guard let connection = connection(for: delivery.connectionKey) else {
                delivery.abandon()
                continue
            }
            switch delivery.content {
            case .response(let response): connection.onResponse(response)
            case .bodyPiece(let bytes, let sent): connection.onBodyPiece(bytes, sent: sent)
            case .bodyEnd(let failed): connection.onBodyEnd(failed: failed)
            }
            forgetIfClosed(connection)
        }
        deliveries.removeAll(keepingCapacity: true)
        return shutdownGracePeriod
    }

    // MARK: - Accepting

    private func acceptConnections() {
        guard listenerFD >= 0 else { return }
        acceptPaused = false
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    system.accept4(
                        listenerFD, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EAGAIN, EWOULDBLOCK:
                    return
                default:
                    // Out of descriptors or memory: the pending connections stay queued
                    // and the next sweep tries again.
                    logger.warning("accept failed", metadata: ["errno": "\(errno)"])
                    acceptPaused = true
                    return
                }
            }
            guard budget.acquire() else {
                Glibc.close(fd)
                continue
            }
            register(fd: fd, address: address)
        }
    }

    private func register(fd: Int32, address: sockaddr_storage) {
        var noDelay: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        generation &+= 1
        let key = UInt64(generation) << 32 | UInt64(UInt32(fd))
        let interest = Epoll.input | Epoll.output | Epoll.readHangUp | Epoll.edgeTriggered
        guard Epoll.add(fd, to: epollFD, events: interest, token: key) else {
            logger.warning("epoll_ctl failed for an accepted connection", metadata: ["errno": "\(errno)"])
            Glibc.close(fd)
            budget.release()
            return
        }
        if Int(fd) >= connections.count {
            connections.append(contentsOf: repeatElement(nil, count: Int(fd) + 1 - connections.count))
        }
        connections[Int(fd)] = Connection(
            fd: fd, key: key, remoteAddress: SocketAddress.description(of: address), environment: environment)
        connectionCount += 1
    }

    // MARK: - Timers and shutdown

    private func sweep() {
        if acceptPaused { acceptConnections() }
        for case let connection? in connections {
            connection.checkDeadline()
            forgetIfClosed(connection)
        }
    }

    private func beginShutdown(gracePeriod: Duration) {
        shutdownDeadline = environment.now + gracePeriod.nanoseconds
        environment.isShuttingDown = true
        closeListener()
        for case let connection? in connections {
            connection.beginShutdown()
            forgetIfClosed(connection)
        }
    }

    private func closeListener() {
        guard listenerFD >= 0 else { return }
        Epoll.remove(listenerFD, from: epollFD)
        Glibc.close(listenerFD)
        listenerFD = -1
    }

    private func closeAllConnections() {
        for case let connection? in connections {
            connection.close()
            forgetIfClosed(connection)
        }
    }
}
