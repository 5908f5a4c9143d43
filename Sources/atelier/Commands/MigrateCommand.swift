import AtelierPostgres
import ArgumentParser

/// Applies pending migrations, or lists their state with `--status`.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending migrations (also done by serve and start).")

    @Flag(help: "List every migration and whether it is applied, pending, edited or missing.")
    var status = false

    func run() async throws {
        let showStatus = status
        try await AtelierRuntime.withRuntime(label: "atelier.migrate") { runtime in
            if showStatus {
                for migration in try await runtime.migrations.status(pool: runtime.pool) {
                    let applied = migration.appliedAt.map { "\tapplied \($0)" } ?? ""
                    print("\(migration.version)\t\(migration.name)\t\(migration.state)\(applied)")
                }
            } else {
                let applied = try await runtime.migrations.migrate(pool: runtime.pool)
                print(applied.isEmpty ? "up to date" : "applied \(applied.count) migration(s)")
            }
        }
    }
}
