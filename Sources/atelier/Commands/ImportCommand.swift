import AtelierAPI
import AtelierDomain
import AtelierREST
import ArgumentParser
import Foundation

/// `atelier import FILE`: loads an NDJSON history file straight into the database, through
/// the same importer and rules as `POST /v1/import/{kind}`, with a progress bar on stderr.
/// Memory stays flat: the file is read in chunks and loaded in batches.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load an NDJSON file of events, profiles, orders or items into a tenant.")

    @Option(help: "The tenant's id or slug.") var tenant: String
    @Option(help: "What each line is: events, profiles, orders or items.") var kind: String
    @Argument(help: "The NDJSON file, one JSON object per line.") var file: String

    func run() async throws {
        guard let kind = ImportKind(rawValue: kind) else {
            throw ValidationError("--kind must be one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let report = try await AtelierRuntime.withRuntime(label: "atelier.import") { runtime in
            let tenant = try await runtime.tenants.find(reference: tenant)
            let pool = runtime.pool
            var bar = ProgressBar(total: size)
            defer { bar.finish() }
            return try await LineImporter(
                tenantID: tenant.id, kind: kind, ingestion: IngestionService(pool: pool), orders: OrderBook(pool: pool),
                catalogue: ItemCatalogue(pool: pool)
            ).run(BodyLines(path: file)) { bar.show($0) }
        }
        print("lines: \(report.lines)  accepted: \(report.accepted)  duplicates: \(report.duplicates)  rejected: \(report.rejected)")
        for error in report.errors.prefix(20) {
            let field = error.field.flatMap { $0.isEmpty ? nil : " \($0)" } ?? ""
            print("line \(error.line)\(field): \(error.detail)")
        }
        if report.errors.count > 20 { print("… \(report.rejected - 20) more rejected lines") }
        if report.rejected > 0 { throw ExitCode(2) }
    }
}

/// A one-line progress bar on stderr, redrawn at most once per percent. A value owned by the
/// import's loop, which calls it in order.
struct ProgressBar {
    private let total: Int
    private var shownPercent = -1

    init(total: Int) {
        self.total = total
    }

    mutating func show(_ done: Int) {
        guard total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != shownPercent else { return }
        shownPercent = percent
        let filled = percent / 4
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 25 - filled)
            + "] \(percent)%  \(done / 1_048_576) / \(total / 1_048_576) MiB"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
