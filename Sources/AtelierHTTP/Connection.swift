import Glibc

/// One accepted TCP connection, driven only by its event loop's thread.
///
/// Bytes are parsed ahead into a queue of work (at most `maxPipelinedRequests`), but
/// the work runs one item at a time: a request goes to the responder as a task and
/// the next item waits until that response is fully handed to the kernel, so answers
/// leave strictly in request order. A connection that must close (error, `Connection:
/// close`, shutdown) half-closes after its last response and discards input for a
/// moment, so the kernel does not reset the connection before the client reads it.
///
/// A streamed body (`HTTPResponse.stream`) keeps the connection busy until its producer
/// ends: each piece the producer writes is appended and flushed, and the producer's write
/// returns only once the piece left, so at most one piece is buffered here.
final class Connection {
    private enum Work {
        case sendContinue
        case respond(HTTPRequest, keepAlive: Bool)
        case reject(RequestRejection)
    }

    private struct InFlight {
        let omitBody: Bool
        let keepAlive: Bool
        let http10Client: Bool
        let task: Task<Void, Never>
        let startedAt: UInt64
        /// Nanoseconds the responder may take; nil: no deadline.
        let limit: UInt64?
        var cancelled = false
    }

    private struct Streaming {
        let task: Task<Void, Never>
        let framing: ResponseWriter.Framing
        let keepAlive: Bool
        var written = 0
        /// The producer's write waiting for its piece to leave.
        var pendingPiece: CheckedContinuation<Void, any Error>?
        var lastProgressAt: UInt64
    }

    let fd: Int32
    /// fd in the low half, the loop's accept generation in the high half: tells a
    /// late response for a closed connection from one that reuses its fd.
    let key: UInt64
    private let remoteAddress: String
    /// Unowned: the loop's environment outlives every connection of the loop.
    private unowned let environment: LoopEnvironment
    private var parser: HTTPRequestParser

    private var queue: [Work] = []
    private var inFlight: InFlight?
    private var streaming: Streaming?
    private var output: [UInt8] = []
    private var outputOffset = 0

    private var socketReadable = true
    private var peerHungUp = false
    private var peerClosed = false
    private var acceptsRequests = true
    private var closeAfterWrite = false
    private var lingering = false
    private var discardedBytes = 0
    private var hasStartedRequest = false
    private(set) var isClosed = false

    private var waitingSince: UInt64
    private var headStartedAt: UInt64 = 0
    private var lastReadAt: UInt64 = 0
    private var writeBlockedSince: UInt64?
    private var lingerStartedAt: UInt64 = 0

    init(fd: Int32, key: UInt64, remoteAddress: String, environment: LoopEnvironment) {
        self.fd = fd
        self.key = key
        self.remoteAddress = remoteAddress
        self.environment = environment
        let responder = environment.responder
        let defaultLimit = environment.limits.maxBodySize
        parser = HTTPRequestParser(limits: environment.limits) { head in
            responder.maximumBodySize(for: head) ?? defaultLimit
        }
        waitingSince = environment.now
    }

    // MARK: - Events from the loop

    /// - Parameter hangUp: the peer shut its side down, so input must be read until end of file.
    func onReadable(hangUp: Bool) {
        socketReadable = true
        if hangUp { peerHungUp = true }
        drive()
    }

    func onWritable() {
        guard outputOffset < output.count else { return }
        flush()
        drive()
    }

    func onResponse(_ response: HTTPResponse) {
        guard let flight = inFlight, !isClosed else { return }
        inFlight = nil
        let keepAlive = flight.keepAlive && !environment.isShuttingDown
        if let stream = response.stream, ResponseWriter.hasContent(response.status) {
            startStream(
                response, stream: stream, omitBody: flight.omitBody, keepAlive: keepAlive,
                http10Client: flight.http10Client)
        } else {
            write(response, omitBody: flight.omitBody, keepAlive: keepAlive, http10Client: flight.http10Client)
        }
        drive()
    }

    /// A piece of the streamed body in progress; `sent` resumes once it left the buffer.
    func onBodyPiece(_ bytes: [UInt8], sent: CheckedContinuation<Void, any Error>) {
        guard !isClosed, var stream = streaming, stream.pendingPiece == nil else {
            sent.resume(throwing: HTTPBodyStreamError.connectionClosed)
            return
        }
        if case .length(let length) = stream.framing, stream.written + bytes.count > length {
            sent.resume(throwing: HTTPBodyStreamError.longerThanAnnounced(length: length))
            close()
            return
        }
        stream.written += bytes.count
        stream.lastProgressAt = environment.now
        stream.pendingPiece = sent
        streaming = stream
        ResponseWriter.appendBodyPiece(bytes, chunked: stream.framing == .chunked, to: &output)
        flush()
    }

    /// The producer returned (or threw): finish the body, or cut the connection when the
    /// body is incomplete, so the client cannot take it for a whole one.
    func onBodyEnd(failed: Bool) {
        guard !isClosed, let stream = streaming else { return }
        var complete = !failed
        if case .length(let length) = stream.framing, stream.written != length { complete = false }
        guard complete else {
            close()
            return
        }
        streaming = nil
        if stream.framing == .chunked { output.append(contentsOf: ResponseWriter.lastChunk) }
        if !stream.keepAlive { closeAfterWrite = true }
        waitingSince = environment.now
        flush()
        drive()
    }

    /// Enforces the timeout that matches what the connection is waiting for.
    func checkDeadline() {
        guard !isClosed else { return }
        if lingering {
            if elapsed(since: lingerStartedAt) >= environment.lingerTimeout { close() }
            return
        }
        if let blockedSince = writeBlockedSince {
            if elapsed(since: blockedSince) >= environment.writeTimeout { close() }
            return
        }
        if var flight = inFlight, !flight.cancelled, let limit = flight.limit,
            elapsed(since: flight.startedAt) >= limit
        {
            flight.task.cancel()
            flight.cancelled = true
            inFlight = flight
        }
        if let stream = streaming {
            // A producer silent for the responder's whole budget is stuck: cut the body.
            if stream.pendingPiece == nil, let limit = environment.responderTimeout,
                elapsed(since: stream.lastProgressAt) >= limit
            {
                close()
            }
            return
        }
        guard inFlight == nil, queue.isEmpty, !closeAfterWrite else { return }
        switch parser.phase {
        case .idle:
            // A connection that never sent a request gets only the header timeout.
            let limit = hasStartedRequest ? environment.idleTimeout : environment.headerTimeout
            if elapsed(since: waitingSince) >= limit { close() }
        case .head:
            if elapsed(since: max(headStartedAt, waitingSince)) >= environment.headerTimeout {
                reject(.headerTimeout)
            }
        case .body:
            if elapsed(since: max(lastReadAt, waitingSince)) >= environment.bodyTimeout {
                reject(.bodyTimeout)
            }
        }
    }

    /// Closes at once when nothing is under way; otherwise the next response carries `Connection: close`.
    func beginShutdown() {
        guard !isClosed else { return }
        if inFlight == nil && streaming == nil && queue.isEmpty && outputOffset == output.count && parser.phase == .idle
            && !lingering
        {
            close()
        }
    }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
        if let stream = streaming {
            streaming = nil
            stream.task.cancel()
            stream.pendingPiece?.resume(throwing: HTTPBodyStreamError.connectionClosed)
        }
    }

    // MARK: - Driving

    private func drive() {
        while !isClosed {
            if lingering {
                discardInput()
                return
            }
            parseBuffered()
            startQueuedWork()
            if isClosed || lingering { continue }
            guard socketReadable, acceptsRequests, !peerClosed,
                queue.count < environment.limits.maxPipelinedRequests
            else { break }
            readOnce()
        }
        if !isClosed && peerClosed && queue.isEmpty && inFlight == nil && streaming == nil && outputOffset == output.count {
            close()
        }
    }

    private func readOnce() {
        let buffer = environment.readBuffer
        let count = read(fd, buffer.baseAddress, buffer.count)
        if count > 0 {
            hasStartedRequest = true
            if parser.phase == .idle { headStartedAt = environment.now }
            lastReadAt = environment.now
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            // A short read drained the socket; edge-triggered epoll reports the next bytes.
            if count < buffer.count && !peerHungUp { socketReadable = false }
        } else if count == 0 {
            peerClosed = true
            socketReadable = false
        } else {
            switch errno {
            case EINTR: break
            case EAGAIN, EWOULDBLOCK: socketReadable = false
            default: close()
            }
        }
    }

    private func parseBuffered() {
        while acceptsRequests && queue.count < environment.limits.maxPipelinedRequests {
            switch parser.next() {
            case .needMoreData:
                return
            case .continueExpected:
                queue.append(.sendContinue)
            case .request(var request, let keepAlive):
                request.remoteAddress = remoteAddress
                queue.append(.respond(request, keepAlive: keepAlive))
                if !keepAlive { acceptsRequests = false }
            case .failure(let rejection):
                queue.append(.reject(rejection))
                acceptsRequests = false
            }
        }
    }

    private func startQueuedWork() {
        while inFlight == nil && streaming == nil && !closeAfterWrite && !isClosed && outputOffset == output.count
            && !queue.isEmpty
        {
            switch queue.removeFirst() {
            case .sendContinue:
                output.append(contentsOf: ResponseWriter.continueResponse)
                flush()
            case .reject(let rejection):
                environment.logger.debug(
                    "rejected request",
                    metadata: [
                        "remote": "\(remoteAddress)", "status": "\(rejection.status.code)",
                        "detail": "\(rejection.detail)",
                    ])
                write(rejection.response, omitBody: false, keepAlive: false, http10Client: false)
            case .respond(let request, let keepAlive):
                let responder = environment.responder
                let mailbox = environment.mailbox
                let key = key
                let task = Task {
                    let response = await responder.respond(to: request)
                    mailbox.deliver(LoopMailbox.Delivery(connectionKey: key, content: .response(response)))
                }
                inFlight = InFlight(
                    omitBody: request.method == .head, keepAlive: keepAlive, http10Client: request.versionMinor == 0,
                    task: task, startedAt: environment.now,
                    limit: responder.responderTimeout(for: request)?.nanoseconds ?? environment.responderTimeout)
            }
        }
    }

    private func reject(_ rejection: RequestRejection) {
        queue.append(.reject(rejection))
        acceptsRequests = false
        drive()
    }

    // MARK: - Writing

    /// Writes a streamed response's head and starts its producer; a HEAD request gets the
    /// head alone and the producer never runs.
    private func startStream(
        _ response: HTTPResponse, stream: HTTPBodyStream, omitBody: Bool, keepAlive: Bool, http10Client: Bool
    ) {
        let framing: ResponseWriter.Framing = stream.length.map { .length($0) } ?? (http10Client ? .untilClose : .chunked)
        let keptAlive = ResponseWriter.appendHead(
            response, framing: omitBody && framing == .untilClose ? .chunked : framing, keepAlive: keepAlive,
            http10Client: http10Client, date: environment.date.bytes, to: &output)
        if !keptAlive {
            acceptsRequests = false
            queue.removeAll()
        }
        waitingSince = environment.now
        guard !omitBody else {
            if !keptAlive { closeAfterWrite = true }
            flush()
            return
        }
        let mailbox = environment.mailbox
        let key = key
        let writer = HTTPBodyWriter { bytes in
            try await withCheckedThrowingContinuation { sent in
                mailbox.deliver(LoopMailbox.Delivery(connectionKey: key, content: .bodyPiece(bytes, sent: sent)))
            }
        }
        let task = Task {
            var failed = false
            do {
                try await stream.produce(writer)
            } catch {
                failed = true
            }
            mailbox.deliver(LoopMailbox.Delivery(connectionKey: key, content: .bodyEnd(failed: failed)))
        }
        streaming = Streaming(task: task, framing: framing, keepAlive: keptAlive, lastProgressAt: environment.now)
        flush()
    }

    private func write(_ response: HTTPResponse, omitBody: Bool, keepAlive: Bool, http10Client: Bool) {
        let keptAlive = ResponseWriter.append(
            response, omitBody: omitBody, keepAlive: keepAlive, http10Client: http10Client,
            date: environment.date.bytes, to: &output)
        if !keptAlive {
            closeAfterWrite = true
            acceptsRequests = false
            queue.removeAll()
        }
        waitingSince = environment.now
        flush()
    }

    private func flush() {
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress! + outputOffset, bytes.count - outputOffset, Int32(MSG_NOSIGNAL))
            }
            if sent >= 0 {
                outputOffset += sent
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                if writeBlockedSince == nil { writeBlockedSince = environment.now }
                return
            default:
                close()
                return
            }
        }
        writeBlockedSince = nil
        outputOffset = 0
        if output.capacity > 64 * 1024 {
            output = []
        } else {
            output.removeAll(keepingCapacity: true)
        }
        if let sent = streaming?.pendingPiece {
            streaming?.pendingPiece = nil
            sent.resume()
        }
        if closeAfterWrite { beginLingering() }
    }

    private func beginLingering() {
        guard !peerClosed else {
            close()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        lingering = true
        lingerStartedAt = environment.now
        socketReadable = true
        discardInput()
    }

    private func discardInput() {
        let buffer = environment.readBuffer
        while !isClosed {
            let count = read(fd, buffer.baseAddress, buffer.count)
            if count > 0 {
                discardedBytes += count
                if discardedBytes > environment.lingerByteLimit { close() }
            } else if count == 0 {
                close()
            } else if errno != EINTR {
                if errno != EAGAIN && errno != EWOULDBLOCK { close() }
                return
            }
        }
    }

    private func elapsed(since instant: UInt64) -> UInt64 {
        environment.now > instant ? environment.now - instant : 0
    }
}
