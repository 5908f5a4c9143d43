import Synchronization

import Glibc

/// The one door into an event loop from other threads: responder tasks drop finished
/// responses here and `shutdown` drops its request; an eventfd wakes the loop from
/// `epoll_wait`. The eventfd is written only when the mailbox turns non-empty, so a
/// busy loop is not woken once per response.
final class LoopMailbox: Sendable {
    struct Delivery: Sendable {
        let connectionKey: UInt64
        let response: HTTPResponse
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

    /// Called from any thread; a delivery after the loop stopped is dropped.
    func deliver(_ delivery: Delivery) {
        state.withLock { state in
            guard !state.closed else { return }
            state.deliveries.append(delivery)
            if state.deliveries.count == 1 { wake() }
        }
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
        state.withLock { state in
            state.closed = true
            state.deliveries.removeAll()
            Glibc.close(eventFD)
        }
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
