import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private PostgreSQL cluster under the project's data folder: the embedded default that
/// `atelier start` uses when `DATABASE_URL` is unset, so a fresh machine needs no database set-up.
///
/// Layout of `dataDirectory` (all of it owned by the cluster's owner):
/// - `pgdata/`: the cluster itself (`initdb`'s output);
/// - `postgres.log`: the server's log; `initdb.log`, `pg_ctl.log`: those tools' output;
/// - `.s.PGSQL.<port>`: the unix socket (kept here rather than in `/var/run/postgresql`, which
///   may not exist or may belong to a system cluster).
///
/// Why it is set up this way:
/// - It listens on 127.0.0.1 only and trusts the local superuser `atelier` (no password):
///   the cluster is a developer's private database, unreachable from other machines. Do not
///   point production at it: set `DATABASE_URL` there.
/// - fsync stays on (PostgreSQL's default): this cluster keeps a developer's data across
///   restarts and machine crashes, unlike the throw-away clusters of `scripts/test`.
/// - PostgreSQL refuses to run as root, so when this process is root (a fresh container, CI),
///   `initdb` and `pg_ctl` run as the `postgres` user (created by Debian's `postgresql`
///   package) through `runuser -u postgres --`, and the folder is chowned to that user.
/// - `pg_ctl` runs in a session of its own (`setsid`), so a Ctrl-C on `atelier start` does not
///   also reach the database: the server shuts down in order, and the cluster stays up and is
///   reused by the next start (call ``stop()`` to stop it).
/// - It is reused: a running cluster is adopted as is, a stopped one is started again, and
///   `initdb` runs only when the folder holds no cluster yet.
struct LocalPostgres: Sendable {
    /// The folder that holds the cluster, its logs and its socket.
    let dataDirectory: URL
    /// The TCP port on 127.0.0.1 used when this type starts the cluster.
    let port: Int

    /// The database `start()` creates and returns a URL for.
    static let databaseName = "atelier"
    /// The superuser `initdb` creates (trust auth, loopback only).
    static let superuser = "atelier"

    init(dataDirectory: URL, port: Int = 54320) {
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.port = port
    }

    /// The cluster folder (`PGDATA`).
    var clusterDirectory: URL { dataDirectory.appendingPathComponent("pgdata", isDirectory: true) }
    /// The server log: the first place to look when the database misbehaves.
    var logFile: URL { dataDirectory.appendingPathComponent("postgres.log") }
    var initdbLogFile: URL { dataDirectory.appendingPathComponent("initdb.log") }
    var pgCtlLogFile: URL { dataDirectory.appendingPathComponent("pg_ctl.log") }

    /// The connection string for a cluster listening on `port`.
    func connectionString(port: Int) -> String {
        "postgresql://\(Self.superuser)@127.0.0.1:\(port)/\(Self.databaseName)"
    }

    /// Starts the cluster if needed (initialising it on first use), makes sure the `atelier`
    /// database exists, and returns its URL: `postgresql://atelier@127.0.0.1:PORT/atelier`.
    ///
    /// When the cluster is already running (for example, left running by an earlier start),
    /// it is reused as is, and the URL names the port it actually listens on.
    func start() throws(LocalPostgresError) -> String {
        let bin = try binDirectory()
        let runningAsRoot = geteuid() == 0
        try prepareDirectory(runningAsRoot: runningAsRoot)

        if !runningAsRoot, let owner = Self.ownerUID(of: clusterDirectory), owner != geteuid() {
            // Another user's cluster (made as root, so owned by postgres): initdb and pg_ctl would
            // fail with less helpful messages.
            throw .wrongOwner(path: clusterDirectory.path, ownerUID: owner)
        }
        let pgVersionFile = clusterDirectory.appendingPathComponent("PG_VERSION")
        if !FileManager.default.fileExists(atPath: pgVersionFile.path) {
            try initdb(bin: bin, runningAsRoot: runningAsRoot)
        }

        let listeningPort: Int
        if let running = try runningPort(bin: bin, runningAsRoot: runningAsRoot) {
            listeningPort = running
        } else {
            try startServer(bin: bin, runningAsRoot: runningAsRoot)
            listeningPort = port
        }
        try createDatabaseIfMissing(bin: bin, port: listeningPort)
        return connectionString(port: listeningPort)
    }

    /// Stops the cluster (fast shutdown: open transactions are rolled back, clients are
    /// disconnected) and waits until it is down. Does nothing if it is not running or was never
    /// initialised.
    func stop() throws(LocalPostgresError) {
        let bin = try binDirectory()
        let runningAsRoot = geteuid() == 0
        guard try runningPort(bin: bin, runningAsRoot: runningAsRoot) != nil else { return }
        let status = try Self.run(
            bin.appendingPathComponent("pg_ctl"),
            ["-D", clusterDirectory.path, "-m", "fast", "-w", "-t", "60", "stop"],
            asPostgresUser: runningAsRoot,
            outputTo: pgCtlLogFile
        ).status
        guard status == 0 else {
            throw .stopFailed(logFile: logFile.path, detail: Self.tail(of: pgCtlLogFile))
        }
    }

    // MARK: - Steps

    /// Creates the folder; as root, hands it to `postgres` and checks that user can reach it
    /// (a clone under `/root` is not searchable by other users).
    private func prepareDirectory(runningAsRoot: Bool) throws(LocalPostgresError) {
        // The socket path must fit in sockaddr_un.sun_path (108 bytes with its NUL).
        let socketPath = dataDirectory.appendingPathComponent(".s.PGSQL.\(port)").path
        guard socketPath.utf8.count <= 107 else {
            throw .dataDirectoryUnusable(
                path: dataDirectory.path,
                reason: "the path is too long for PostgreSQL's unix socket (\(socketPath.utf8.count) > 107 bytes); set ATELIER_DATA_DIR to a shorter folder"
            )
        }
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectoryUnusable(path: dataDirectory.path, reason: "cannot create it: \(error)")
        }
        guard runningAsRoot else { return }

        // -R: logs written by an earlier run (as root, or as another user) must become
        // writable by postgres too; the cluster folder is small, so this is cheap.
        let chown = try Self.run(
            URL(fileURLWithPath: "/bin/chown"), ["-R", "postgres:postgres", dataDirectory.path],
            asPostgresUser: false, outputTo: nil
        )
        guard chown.status == 0 else {
            throw .dataDirectoryUnusable(
                path: dataDirectory.path,
                reason: "cannot chown it to the postgres user (is the `postgresql` package installed?): \(chown.output)"
            )
        }
        let reachable = try Self.run(
            URL(fileURLWithPath: "/usr/bin/test"), ["-w", dataDirectory.path],
            asPostgresUser: true, outputTo: nil
        )
        guard reachable.status == 0 else {
            throw .dataDirectoryUnusable(
                path: dataDirectory.path,
                reason: "the postgres user cannot reach it: a parent folder is not searchable by other users (a clone under /root?). Set ATELIER_DATA_DIR to a folder such as /var/lib/atelier, or set DATABASE_URL"
            )
        }
    }

    /// `initdb` once: UTF8, C.UTF-8 (byte-order collation, the same on every machine), trust
    /// auth for the local superuser `atelier`, fsync on (the default; no `--no-sync`).
    private func initdb(bin: URL, runningAsRoot: Bool) throws(LocalPostgresError) {
        let result = try Self.run(
            bin.appendingPathComponent("initdb"),
            [
                "-D", clusterDirectory.path,
                "-U", Self.superuser,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
            asPostgresUser: runningAsRoot,
            outputTo: initdbLogFile
        )
        guard result.status == 0 else {
            throw .initdbFailed(logFile: initdbLogFile.path, detail: Self.tail(of: initdbLogFile))
        }
    }

    /// The port the cluster listens on when it is running, `nil` when it is stopped.
    /// `pg_ctl status` exits 0 when running, 3 when not running, 4 without a data folder.
    private func runningPort(bin: URL, runningAsRoot: Bool) throws(LocalPostgresError) -> Int? {
        guard FileManager.default.fileExists(atPath: clusterDirectory.appendingPathComponent("PG_VERSION").path) else {
            return nil
        }
        let status = try Self.run(
            bin.appendingPathComponent("pg_ctl"), ["-D", clusterDirectory.path, "status"],
            asPostgresUser: runningAsRoot, outputTo: nil
        ).status
        guard status == 0 else { return nil }
        // postmaster.pid, line 4: the port the running server listens on.
        let pidFile = clusterDirectory.appendingPathComponent("postmaster.pid")
        guard let contents = try? String(contentsOf: pidFile, encoding: .utf8) else { return port }
        let lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 3, let running = Int(lines[3].trimmingCharacters(in: .whitespaces)) else { return port }
        return running
    }

    /// `pg_ctl -w start`, listening on 127.0.0.1:port only, with the socket in the data folder.
    private func startServer(bin: URL, runningAsRoot: Bool) throws(LocalPostgresError) {
        // pg_ctl passes -o to the server through /bin/sh: quote the folder for it.
        let socketDirectory = "'" + dataDirectory.path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let result = try Self.run(
            URL(fileURLWithPath: "/usr/bin/setsid"),
            [
                "-w", bin.appendingPathComponent("pg_ctl").path,
                "-D", clusterDirectory.path,
                "-l", logFile.path,
                "-w", "-t", "60",
                "-o", "-p \(port) -k \(socketDirectory) -c listen_addresses=127.0.0.1",
                "start",
            ],
            asPostgresUser: runningAsRoot,
            outputTo: pgCtlLogFile,
            startsDaemon: true
        )
        guard result.status == 0 else {
            let detail = Self.tail(of: logFile)
            if detail.contains("Address already in use") || detail.contains("could not bind") {
                throw .portInUse(port: port, logFile: logFile.path)
            }
            throw .startFailed(logFile: logFile.path, detail: detail.isEmpty ? Self.tail(of: pgCtlLogFile) : detail)
        }
    }

    /// Creates the `atelier` database unless it exists. Connects over TCP as the trusted
    /// superuser, so this needs no `runuser`.
    private func createDatabaseIfMissing(bin: URL, port: Int) throws(LocalPostgresError) {
        let connection = ["-h", "127.0.0.1", "-p", String(port), "-U", Self.superuser]
        let check = try Self.run(
            bin.appendingPathComponent("psql"),
            ["-X", "-q", "-t", "-A", "-d", "postgres"] + connection
                + ["-c", "SELECT 1 FROM pg_database WHERE datname = '\(Self.databaseName)'"],
            asPostgresUser: false, outputTo: nil
        )
        guard check.status == 0 else {
            throw .createDatabaseFailed(logFile: logFile.path, detail: check.output)
        }
        if check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1" { return }
        let create = try Self.run(
            bin.appendingPathComponent("createdb"), connection + [Self.databaseName],
            asPostgresUser: false, outputTo: nil
        )
        // Another `atelier start` may have created it in between: that is success too.
        guard create.status == 0 || create.output.contains("already exists") else {
            throw .createDatabaseFailed(logFile: logFile.path, detail: create.output)
        }
    }

    // MARK: - Helpers

    /// The tools of the cluster's own major version when it exists (a PostgreSQL 15 cluster
    /// cannot be started by PostgreSQL 16's server), else the newest installed.
    private func binDirectory() throws(LocalPostgresError) -> URL {
        let versionFile = clusterDirectory.appendingPathComponent("PG_VERSION")
        if let major = (try? String(contentsOf: versionFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines), !major.isEmpty
        {
            let bin = URL(fileURLWithPath: "/usr/lib/postgresql/\(major)/bin")
            if FileManager.default.isExecutableFile(atPath: bin.appendingPathComponent("pg_ctl").path) {
                return bin
            }
        }
        return try Self.findBinDirectory()
    }

    /// The newest `/usr/lib/postgresql/<major>/bin` holding `initdb` and `pg_ctl` (Debian's
    /// layout: those tools are not on PATH); else the folder of an `initdb` found on PATH
    /// (Homebrew, other distributions).
    static func findBinDirectory() throws(LocalPostgresError) -> URL {
        let fileManager = FileManager.default
        let root = "/usr/lib/postgresql"
        let majors = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { name -> (Double, String)? in Double(name).map { ($0, name) } }
            .sorted { $0.0 > $1.0 }
        for (_, name) in majors {
            let bin = URL(fileURLWithPath: root).appendingPathComponent(name).appendingPathComponent("bin")
            if fileManager.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path),
                fileManager.isExecutableFile(atPath: bin.appendingPathComponent("pg_ctl").path)
            {
                return bin
            }
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let bin = URL(fileURLWithPath: String(folder))
            if fileManager.isExecutableFile(atPath: bin.appendingPathComponent("initdb").path) {
                return bin
            }
        }
        throw .postgresNotInstalled
    }

    /// Runs a tool and waits for it. As root with `asPostgresUser`, runs it through
    /// `runuser -u postgres --`. Output goes to `outputTo` (appended) when given, else is
    /// captured and returned: tools that start a server (pg_ctl) must write to a file, as the
    /// server may keep a pipe open long after the tool exits.
    ///
    /// `startsDaemon`: on Linux, Foundation's `Process` learns that its child exited when a
    /// socket it hands to the child is closed; a server forked by the child (postgres, forked by
    /// pg_ctl) would inherit that socket and keep it open, and `waitUntilExit()` would then wait
    /// for as long as the server runs. So such a tool is run through bash, which first closes
    /// every inherited descriptor above stderr and then execs the tool.
    private static func run(
        _ executable: URL,
        _ arguments: [String],
        asPostgresUser: Bool,
        outputTo file: URL?,
        startsDaemon: Bool = false
    ) throws(LocalPostgresError) -> (status: Int32, output: String) {
        var command = [executable.path] + arguments
        if startsDaemon {
            let closeInherited = #"for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
            command = ["/bin/bash", "-c", closeInherited, "bash"] + command
        }
        if asPostgresUser {
            command = ["/sbin/runuser", "-u", "postgres", "--"] + command
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        // The tools must not inherit a caller's PG* settings (PGDATA, PGHOST, PGPORT, ...).
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        process.standardInput = FileHandle.nullDevice
        // As postgres, the caller's folder (say /root) may be unreadable: start from /.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")

        let commandLine = ([process.executableURL?.path ?? ""] + (process.arguments ?? [])).joined(separator: " ")
        if let file {
            let handle: FileHandle
            do {
                if !FileManager.default.fileExists(atPath: file.path) {
                    _ = FileManager.default.createFile(atPath: file.path, contents: nil)
                }
                handle = try FileHandle(forWritingTo: file)
                try handle.seekToEnd()
            } catch {
                throw .dataDirectoryUnusable(path: file.path, reason: "cannot write it: \(error)")
            }
            defer { try? handle.close() }
            process.standardOutput = handle
            process.standardError = handle
            do { try process.run() } catch { throw .launchFailed(command: commandLine, reason: "\(error)") }
            process.waitUntilExit()
            return (process.terminationStatus, "")
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { throw .launchFailed(command: commandLine, reason: "\(error)") }
        // Read before waiting: a full pipe would otherwise block the tool forever.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private static func ownerUID(of url: URL) -> uid_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_uid
    }

    /// The last lines of a log, to put in an error message.
    static func tail(of file: URL, lines: Int = 12) -> String {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Why the private cluster could not be used. Each message names the file to look at.
enum LocalPostgresError: Error, CustomStringConvertible, Sendable {
    case postgresNotInstalled
    case dataDirectoryUnusable(path: String, reason: String)
    case wrongOwner(path: String, ownerUID: UInt32)
    case launchFailed(command: String, reason: String)
    case initdbFailed(logFile: String, detail: String)
    case portInUse(port: Int, logFile: String)
    case startFailed(logFile: String, detail: String)
    case createDatabaseFailed(logFile: String, detail: String)
    case stopFailed(logFile: String, detail: String)

    var description: String {
        switch self {
        case .postgresNotInstalled:
            return "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb, no initdb on PATH). Run scripts/start, which installs it with apt, or `apt-get install postgresql`; or set DATABASE_URL to an existing database."
        case .dataDirectoryUnusable(let path, let reason):
            return "Cannot use \(path) for the local PostgreSQL cluster: \(reason)"
        case .wrongOwner(let path, let uid):
            return "The local PostgreSQL cluster in \(path) belongs to user id \(uid), not to you (it was probably created as root, and runs as postgres). Run atelier as root, or as that user, or remove the folder to start afresh."
        case .launchFailed(let command, let reason):
            return "Could not run `\(command)`: \(reason)"
        case .initdbFailed(let logFile, let detail):
            return "initdb failed creating the local PostgreSQL cluster; see \(logFile)\(Self.indent(detail))"
        case .portInUse(let port, let logFile):
            return "The local PostgreSQL cluster could not listen on 127.0.0.1:\(port): the port is in use by another program. Free it, or choose another port; see \(logFile)"
        case .startFailed(let logFile, let detail):
            return "The local PostgreSQL cluster did not start; see \(logFile)\(Self.indent(detail))"
        case .createDatabaseFailed(let logFile, let detail):
            return "Could not create the `\(LocalPostgres.databaseName)` database in the local PostgreSQL cluster; see \(logFile)\(Self.indent(detail))"
        case .stopFailed(let logFile, let detail):
            return "The local PostgreSQL cluster did not stop; see \(logFile)\(Self.indent(detail))"
        }
    }

    private static func indent(_ detail: String) -> String {
        let trimmed = detail.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        return ":\n" + trimmed.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    }
}
