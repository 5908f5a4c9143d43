import ArgumentParser

/// The one executable: API server, worker, migrations, operator commands, and the
/// one-command local start.
@main
struct Atelier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atelier",
        abstract: "Consent-aware customer intelligence API.",
        discussion: "Configuration comes from environment variables; see README.md.",
        subcommands: [
            StartCommand.self, ServeCommand.self, WorkerCommand.self, MigrateCommand.self, TenantsCommand.self,
            KeysCommand.self, AuditCommand.self, ImportCommand.self,
        ])
}
