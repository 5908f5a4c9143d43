import Foundation

/// The process's peak resident memory (`VmHWM` of /proc/self/status), recorded with each
/// trained version so memory growth shows in the registry; nil where /proc is not there.
public enum PeakMemory {
    public static func bytes() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
            return digits.map { $0 * 1024 }
        }
        return nil
    }
}
