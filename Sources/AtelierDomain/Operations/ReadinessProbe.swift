import AtelierPostgres
import Foundation

/// Answers "can this process serve traffic?": the database answers and every migration
/// file on disk has been applied with a matching checksum.
public struct ReadinessProbe: Sendable {
    public struct Report: Sendable, Equatable, Codable {
        public var ready: Bool
        public var database: String
        public var migrations: String
    }

    private let pool: PostgresPool
    private let migrations: MigrationRunner

    public init(pool: PostgresPool, migrations: MigrationRunner) {
        self.pool = pool
        self.migrations = migrations
    }

    public func check() async -> Report {
        do {
            _ = try await pool.query("SELECT 1", [])
        } catch {
            return Report(ready: false, database: "unreachable", migrations: "unknown")
        }
        do {
            let statuses = try await migrations.status(pool: pool)
            let behind = statuses.filter { $0.state != .applied }
            if behind.isEmpty {
                return Report(ready: true, database: "ok", migrations: "current")
            }
            let versions = behind.map { "\($0.version) \($0.state)" }.joined(separator: ", ")
            return Report(ready: false, database: "ok", migrations: "not current: \(versions)")
        } catch {
            return Report(ready: false, database: "ok", migrations: "unreadable")
        }
    }
}
