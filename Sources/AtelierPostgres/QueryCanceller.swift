import CLibPQ
import Foundation

/// Asks the server to cancel the statement a connection is running, from any thread; how a
/// cancelled Swift task stops its query instead of leaving it to run to the end.
final class QueryCanceller: Sendable {
    /// libpq documents `PQcancel` on a `PGcancel` as safe from any thread.
    private struct Handle: @unchecked Sendable {  // only used under `state`'s lock, as libpq allows
        let pointer: OpaquePointer
    }

    private struct State: Sendable {
        var handle: Handle?
        var isRunning = false
    }

    private let state = Locked(State())

    /// Called on connect with the new session's cancel key.
    func install(_ pointer: OpaquePointer?) {
        let old = state.withLock { state in
            defer { state.handle = pointer.map(Handle.init) }
            return state.handle
        }
        if let old { PQfreeCancel(old.pointer) }
    }

    /// Called on disconnect.
    func remove() {
        install(nil)
    }

    /// Brackets one blocking call, so a cancel arriving between statements is ignored.
    func setRunning(_ running: Bool) {
        state.withLock { $0.isRunning = running }
    }

    /// Sends the cancel request on a short-lived thread (it opens a network connection, which
    /// must not block the cancelling task's thread).
    func cancel() {
        Thread.detachNewThread { [state] in
            state.withLock { state in
                guard state.isRunning, let handle = state.handle else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(handle.pointer, &buffer, Int32(buffer.count))
            }
        }
    }
}
