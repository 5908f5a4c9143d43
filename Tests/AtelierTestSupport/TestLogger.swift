import Foundation
import Logging

/// Loggers for tests: quiet by default (warnings and worse), so a failing run's output shows
/// its failures rather than thousands of request lines. `ATELIER_TEST_LOG_LEVEL=info` (or
/// `debug`, `trace`) brings the lines back when a test needs them read.
public enum TestLogger {
    /// The level `ATELIER_TEST_LOG_LEVEL` names, `.warning` when unset or unknown.
    public static let level: Logger.Level = {
        let text = ProcessInfo.processInfo.environment["ATELIER_TEST_LOG_LEVEL"] ?? ""
        return Logger.Level(rawValue: text.lowercased()) ?? .warning
    }()

    /// A logger labelled `label` at `level`.
    public static func make(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
