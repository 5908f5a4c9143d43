import AtelierCrypto
import Foundation

/// Reads and validates a folder of `NNNN_name.sql` files, and finds that folder for a
/// process started from the repository, a container, or an installed binary.
enum MigrationDirectory {
    /// Every migration in `directory`, by ascending version. Refuses badly named files and
    /// duplicate versions rather than skipping them, so a typo cannot silently drop a change.
    static func load(_ directory: URL) throws -> [Migration] {
        let fileNames: [String]
        do {
            fileNames = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError.directoryUnreadable(path: directory.path, reason: error.localizedDescription)
        }
        var migrations: [Migration] = []
        for fileName in fileNames.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName) else { throw MigrationError.invalidFileName(fileName: fileName) }
            let data: Data
            do {
                data = try Data(contentsOf: directory.appendingPathComponent(fileName))
            } catch {
                throw MigrationError.unreadableFile(fileName: fileName, reason: error.localizedDescription)
            }
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError.unreadableFile(fileName: fileName, reason: "not valid UTF-8")
            }
            migrations.append(
                Migration(
                    version: version, name: name, fileName: fileName, sql: sql,
                    checksum: Hex.encode(Digest.sha256(data))))
        }
        migrations.sort { $0.version < $1.version }
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw MigrationError.duplicateVersion(version: next.version, fileNames: [previous.fileName, next.fileName])
        }
        return migrations
    }

    /// `0007_add_orders.sql` → (7, "add_orders"); nil unless four or more digits, `_`, a name.
    static func parse(_ fileName: String) -> (version: Int, name: String)? {
        guard fileName.hasSuffix(".sql") else { return nil }
        let stem = fileName.dropLast(4)
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        let rest = stem.dropFirst(digits.count)
        guard digits.count >= 4, rest.first == "_", rest.count > 1,
            let version = Int32(digits)
        else { return nil }
        return (Int(version), String(rest.dropFirst()))
    }

    /// `ATELIER_MIGRATIONS_DIR` if set; otherwise the nearest `migrations` folder holding
    /// `NNNN_*.sql` files, searching upward from the working directory, then from the
    /// executable's directory.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let configured = environment["ATELIER_MIGRATIONS_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured, isDirectory: true)
        }
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                let candidate = directory.appendingPathComponent("migrations", isDirectory: true)
                if holdsMigrations(candidate) { return candidate }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        return nil
    }

    private static func holdsMigrations(_ directory: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return false }
        return names.contains { parse($0) != nil }
    }
}
