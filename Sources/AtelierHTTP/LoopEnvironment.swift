import Logging

/// What every connection of one event loop shares: the responder, the way back into
/// the loop, the loop's clock and cached `Date`, and one scratch buffer for reads.
/// Lives on its loop's thread only.
final class LoopEnvironment {
    let responder: any HTTPResponder
    let mailbox: LoopMailbox
    let limits: HTTPServerConfiguration.Limits
    let logger: Logger
    let headerTimeout: UInt64
    let bodyTimeout: UInt64
    let idleTimeout: UInt64
    let writeTimeout: UInt64
    let responderTimeout: UInt64?
    /// How long a closing connection keeps discarding input so the client reads the last response.
    let lingerTimeout: UInt64
    /// The most input a closing connection discards before it gives up on the client.
    let lingerByteLimit = 1024 * 1024
    let readBuffer: UnsafeMutableRawBufferPointer

    /// Monotonic nanoseconds, refreshed once per loop iteration.
    var now: UInt64 = 0
    var date = HTTPDate()
    var isShuttingDown = false

    init(
        responder: any HTTPResponder, mailbox: LoopMailbox, configuration: HTTPServerConfiguration, logger: Logger
    ) {
        self.responder = responder
        self.mailbox = mailbox
        var limits = configuration.limits
        limits.maxPipelinedRequests = max(1, limits.maxPipelinedRequests)
        self.limits = limits
        self.logger = logger
        headerTimeout = configuration.timeouts.header.nanoseconds
        bodyTimeout = configuration.timeouts.body.nanoseconds
        idleTimeout = configuration.timeouts.idle.nanoseconds
        writeTimeout = configuration.timeouts.write.nanoseconds
        responderTimeout = configuration.timeouts.responder?.nanoseconds
        lingerTimeout = min(Duration.seconds(2), configuration.timeouts.write).nanoseconds
        readBuffer = .allocate(byteCount: 64 * 1024, alignment: 16)
    }

    deinit {
        readBuffer.deallocate()
    }
}

extension Duration {
    /// Whole nanoseconds, clamped at zero, for comparing with the loop's monotonic clock.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
