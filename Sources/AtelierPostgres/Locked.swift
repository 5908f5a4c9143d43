import Foundation

/// A value guarded by a lock, for state that many tasks touch for a moment (pool books,
/// cancel handles). An NSLock rather than `Synchronization.Mutex`, which needs macOS 15.
final class Locked<Value: Sendable>: @unchecked Sendable {  // every access to `value` holds `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
