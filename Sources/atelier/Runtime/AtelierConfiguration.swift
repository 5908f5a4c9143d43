import Foundation
import Logging

/// Everything a process reads from its environment, with safe defaults, in one place so an
/// operator can see every knob. Invalid values are errors, never silently ignored.
struct AtelierConfiguration: Sendable {
    /// Nil means "no external database": `atelier start` then provisions a private cluster.
    var databaseURL: String?
    var host: String
    var port: UInt16
    var poolSize: Int
    var logLevel: Logger.Level
    /// Where `atelier start` keeps its private PostgreSQL cluster.
    var dataDirectory: URL
    var handlerTimeout: Duration
    var authenticationCacheTTL: Duration
    var workerConcurrency: Int
    var migrateOnStart: Bool

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(
        ConfigurationError
    ) -> AtelierConfiguration {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let raw = value(name) else { return defaultValue }
            guard let parsed = Int(raw), range.contains(parsed) else {
                throw ConfigurationError(variable: name, value: raw, expected: "an integer in \(range)")
            }
            return parsed
        }
        func boolean(_ name: String, default defaultValue: Bool) throws(ConfigurationError) -> Bool {
            guard let raw = value(name) else { return defaultValue }
            switch raw.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw ConfigurationError(variable: name, value: raw, expected: "true or false")
            }
        }
        let levelText = value("ATELIER_LOG_LEVEL") ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw ConfigurationError(
                variable: "ATELIER_LOG_LEVEL", value: levelText,
                expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let dataDirectory = value("ATELIER_DATA_DIR").map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data")
        return AtelierConfiguration(
            databaseURL: value("DATABASE_URL"),
            host: value("ATELIER_HOST") ?? "127.0.0.1",
            port: UInt16(try integer("ATELIER_PORT", default: 8080, range: 0...65535)),
            poolSize: try integer("ATELIER_POOL_SIZE", default: 8, range: 1...500),
            logLevel: level,
            dataDirectory: dataDirectory,
            handlerTimeout: .seconds(try integer("ATELIER_HANDLER_TIMEOUT_SECONDS", default: 30, range: 1...3600)),
            authenticationCacheTTL: .milliseconds(
                try integer("ATELIER_AUTH_CACHE_MS", default: 2000, range: 0...600_000)),
            workerConcurrency: try integer("ATELIER_WORKER_CONCURRENCY", default: 2, range: 1...64),
            migrateOnStart: try boolean("ATELIER_MIGRATE_ON_START", default: true))
    }
}

/// An environment variable holds a value Atelier cannot use.
struct ConfigurationError: Error, CustomStringConvertible {
    var variable: String
    var value: String
    var expected: String

    var description: String { "\(variable)=\(value) is not valid: expected \(expected)" }
}
