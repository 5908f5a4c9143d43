import Foundation

/// Exponential backoff for failed jobs: a job that fails on attempt n waits
/// `base * 2^(n-1)` (capped), plus up to 20 % jitter so retries of a burst spread out.
public struct RetryPolicy: Sendable, Equatable {
    public var base: Duration
    public var maximum: Duration

    public init(base: Duration = .seconds(5), maximum: Duration = .seconds(3600)) {
        self.base = base
        self.maximum = maximum
    }

    /// Delay before the next attempt, after `attempts` attempts so far; `jitter` in 0...1.
    public func delay(afterAttempts attempts: Int, jitter: Double) -> Duration {
        let exponent = min(max(attempts - 1, 0), 30)
        let raw = Self.seconds(base) * pow(2, Double(exponent))
        let capped = min(raw, Self.seconds(maximum))
        return .milliseconds(Int64((capped * (1 + 0.2 * min(max(jitter, 0), 1))) * 1000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
