import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM, so `serve`, `worker` and `start` can shut down gracefully
/// (stop accepting, finish in-flight work, close the pool) instead of dying mid-request.
enum ShutdownSignal {
    static func wait() async -> Int32 {
        let (signals, continuation) = AsyncStream.makeStream(of: Int32.self)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        for await number in signals {
            return number
        }
        return SIGTERM
    }
}
