/// How Atelier reaches PostgreSQL and how much of it one process may hold.
///
/// Every knob has a safe default so a bare connection string is enough; the pool and the
/// timeouts are bounded because an unbounded pool turns a slow database into an outage.
public struct PostgresConfiguration: Sendable {
    /// A libpq conninfo (`host=… dbname=…`) or a `postgresql://` URL; libpq parses both, so
    /// operators can paste whatever their provider hands them.
    public var connectionString: String
    /// Replaces the database named in `connectionString`, so one server URL can serve
    /// several databases (tests, tools) without string surgery on URLs.
    public var database: String?
    /// The most connections the pool opens; further callers wait in line (FIFO).
    public var poolSize: Int
    /// How long a caller waits for a free connection before `PostgresError.Kind.poolTimeout`,
    /// so overload shows up as fast errors instead of an ever-growing queue. Checked by a
    /// periodic sweep, so a waiter fails up to a quarter of it (at most 50 ms) late.
    public var acquireTimeout: Duration
    /// How long opening one connection may take (libpq rounds to whole seconds, minimum 2).
    public var connectTimeout: Duration
    /// A connection idle for longer than this is pinged (`SELECT 1`) before reuse, because
    /// firewalls and failovers silently kill long-idle TCP connections.
    public var healthCheckAfterIdle: Duration
    /// Applied as `statement_timeout` on every connection, so a runaway query cannot hold a
    /// connection forever; it fails with `PostgresError.Kind.queryCanceled`.
    public var statementTimeout: Duration?
    /// Shown in `pg_stat_activity`, so operators can tell Atelier's connections apart.
    public var applicationName: String
    /// How many distinct SQL texts each connection keeps prepared; beyond it, statements run
    /// unprepared, so dynamically built SQL cannot grow server memory without bound.
    public var statementCacheCapacity: Int
    /// The database role every session of this pool runs as (`SET ROLE` at connect). Atelier
    /// gives readers of personal data a pool whose role is a consent purpose's, so PostgreSQL's
    /// row-level security filters what they see; nil keeps the login role.
    public var sessionRole: String?

    public init(
        connectionString: String,
        database: String? = nil,
        poolSize: Int = 8,
        acquireTimeout: Duration = .seconds(5),
        connectTimeout: Duration = .seconds(5),
        healthCheckAfterIdle: Duration = .seconds(30),
        statementTimeout: Duration? = nil,
        applicationName: String = "atelier",
        statementCacheCapacity: Int = 256,
        sessionRole: String? = nil
    ) {
        self.connectionString = connectionString
        self.database = database
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
        self.connectTimeout = connectTimeout
        self.healthCheckAfterIdle = healthCheckAfterIdle
        self.statementTimeout = statementTimeout
        self.applicationName = applicationName
        self.statementCacheCapacity = statementCacheCapacity
        self.sessionRole = sessionRole
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a tiny positive timeout never becomes "no timeout" (0).
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        let partial = attoseconds / 1_000_000_000_000_000
        let remainder = attoseconds % 1_000_000_000_000_000
        return seconds * 1000 + partial + (remainder > 0 ? 1 : 0)
    }
}
