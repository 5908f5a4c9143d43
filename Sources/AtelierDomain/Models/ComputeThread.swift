import Foundation

/// Runs CPU-bound model work (fitting, decoding a stored model) on a thread of its own, off
/// Swift's cooperative pool.
///
/// A fit (k-means restarts, ALS sweeps, FP-Growth, a likelihood optimiser) computes for
/// seconds or minutes without a suspension point, and decoding a large stored model for
/// hundreds of milliseconds. On the cooperative pool, which has one
/// thread per core (two here), it would hold a thread all that time, and every other task of
/// the process would queue behind it: the API's request handlers when `atelier start` runs the
/// worker beside the server, or the other jobs of the worker. On a dedicated thread it leaves
/// the pool free, and the operating system shares the cores between it and everything else.
enum ComputeThread {
    /// Fits need deep stacks no more than other code, but the default of a secondary thread
    /// (512 KiB) is smaller than the main thread's; 8 MiB matches it.
    private static let stackSize = 8 << 20

    /// The value of `work`, computed on a new thread.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.name = "atelier-compute"
            thread.stackSize = stackSize
            thread.start()
        }
    }
}
