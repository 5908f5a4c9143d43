// Timing and memory readings shared by the standalone fit benchmarks (KMeansFit, RecommenderFit,
// RulesFit); each run.sh compiles this file beside the benchmark's main.swift.
import Foundation

/// Runs `body` once: its result, the wall seconds and the CPU seconds (user + system, this
/// process) it took. On a shared machine the CPU time of a single-threaded fit says more than
/// the wall time.
func measure<T>(_ body: () throws -> T) rethrows -> (value: T, wall: Double, cpu: Double) {
    let cpuStart = processCPUSeconds()
    let start = ContinuousClock.now
    let value = try body()
    let elapsed = start.duration(to: .now)
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    return (value, wall, processCPUSeconds() - cpuStart)
}

func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
}

/// A `/proc/self/status` memory field (`VmRSS`, `VmHWM`, …) in megabytes; 0 when unreadable.
func statusMegabytes(_ field: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return kilobytes / 1024
}
