import AtelierPostgres
import Logging

/// The only connections that read personal data: one pool per read purpose, each session
/// running as that purpose's database role, so PostgreSQL's row-level security decides which
/// profiles a read can see. Readers are built on this type, never on the owner's pool, and
/// take the purpose with every call.
public struct PersonalDataPools: Sendable {
    /// One pool per purpose, in `ReadPurpose.allCases` order.
    private let pools: [PostgresPool]

    /// Opens (lazily) one pool per purpose on `base`'s server and database, as the purpose's role.
    public init(base: PostgresConfiguration, logger: Logger) {
        pools = ReadPurpose.allCases.map { purpose in
            var configuration = base
            configuration.sessionRole = purpose.databaseRole
            configuration.applicationName = base.applicationName + "-" + purpose.rawValue
            return PostgresPool(configuration: configuration, logger: logger)
        }
    }

    /// The pool whose sessions can see exactly the profiles that permit `purpose`.
    func pool(for purpose: ReadPurpose) -> PostgresPool {
        pools[purpose.ordinal]
    }

    public func close() async {
        for pool in pools { await pool.close() }
    }
}
