import Synchronization

import Glibc

/// The one door into an event loop from other threads: responder tasks drop finished
/// responses here, streamed-body producers their pieces, and `shutdown` its request; an
/// eventfd wakes the loop from `epoll_wait`. The eventfd is written only when the mailbox
/// turns non-empty, so a busy loop is not woken once per response.
final class LoopMailbox: Sendable {
    struct Delivery: Sendable {
        enum Content: Sendable {
            case response(HTTPResponse)
            /// A piece of a streamed body; `sent` is resumed once it left (or cannot leave).
            case bodyPiece([UInt8], sent: CheckedContinuation<Void, any Error>)
            /// The producer of a streamed body returned (`failed` false) or threw.
            case bodyEnd(failed: Bool)
        }

        let connectionKey: UInt64
        let content: Content

        /// Resumes a body piece's writer with an error: its connection is gone.
        func abandon() {
            if case .bodyPiece(_, let sent) = content { sent.resume(throwing: HTTPBodyStreamError.connectionClosed) }
        }
    }

    private struct State {
        var deliveries: [Delivery] = []
        var shutdownGracePeriod: Duration?
        var closed = false
    }

    let eventFD: Int32
    private let state = Mutex(State())

    init() throws(HTTPServerError) {
        eventFD = try Epoll.makeEventFD()
    }

    /// Called from any thread; a delivery after the loop stopped is dropped (a body
    /// piece's writer is told the connection closed).
    func deliver(_ delivery: Delivery) {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.deliveries.append(delivery)
            if state.deliveries.count == 1 { wake() }
            return true
        }
        if !accepted { delivery.abandon() }
    }

    func requestShutdown(gracePeriod: Duration) {
        state.withLock { state in
            guard !state.closed, state.shutdownGracePeriod == nil else { return }
            state.shutdownGracePeriod = gracePeriod
            wake()
        }
    }

    /// Swaps the pending deliveries into `batch` (which must be empty), keeping both arrays'
    /// storage, and returns the grace period once shutdown has been requested.
    func take(into batch: inout [Delivery]) -> Duration? {
        state.withLock { state in
            swap(&state.deliveries, &batch)
            return state.shutdownGracePeriod
        }
    }

    /// Resets the eventfd counter after it woke the loop.
    func acknowledgeWakeUp() {
        var value: UInt64 = 0
        _ = read(eventFD, &value, MemoryLayout<UInt64>.size)
    }

    /// Called by the loop as it ends: later deliveries are dropped and the eventfd is closed.
    func close() {
        let dropped = state.withLock { state in
            state.closed = true
            defer { state.deliveries.removeAll() }
            Glibc.close(eventFD)
            return state.deliveries
        }
        for delivery in dropped { delivery.abandon() }
    }

    /// Called with the lock held and `closed` false, so the eventfd is still open.
    private func wake() {
        var one: UInt64 = 1
        _ = write(eventFD, &one, MemoryLayout<UInt64>.size)
    }
}

extension HTTPServerError {
    /// A failed system call described with the current `errno`.
    static func systemCall(_ name: String) -> HTTPServerError {
        let code = errno
        return .systemCall(name: name, errno: code, message: String(cString: strerror(code)))
    }
}
