import AtelierDomain
import AtelierREST
import Foundation

/// `POST /v1/import/{kind}`: history in bulk, as NDJSON (one JSON object per line). The
/// transport spools a large body to disk as it arrives, so memory stays flat whatever the
/// file's size; lines are then loaded through the same services as the single-record
/// endpoints and reported by number. Resending a file is safe: events dedupe on `messageId`,
/// orders on their id, items are upserted.
struct ImportRoutes {
    let ingestion: IngestionService
    let orders: OrderBook
    let catalogue: ItemCatalogue

    /// 20 GiB: about 10 million typical events.
    static let maximumBodySize = 20 * 1024 * 1024 * 1024
    /// An import runs for as long as its file takes, up to this.
    static let timeout = Duration.seconds(6 * 3600)

    func register(on router: some RouteBuilder) {
        router.post(
            "/import/{kind}", maxBodySize: Self.maximumBodySize, accepts: [.ndjson, .json, .plainText], timeout: Self.timeout
        ) { [ingestion, orders, catalogue] request in
            let principal = try request.principal(requiring: .eventsWrite)
            let name = try request.parameter("kind", as: String.self)
            guard let kind = ImportKind(rawValue: name) else {
                throw Problem.notFound(
                    "No import of '\(name)'; kinds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let report = try await LineImporter(
                tenantID: principal.tenantID, kind: kind, ingestion: ingestion, orders: orders, catalogue: catalogue
            ).run(BodyLines(request: request.http))
            return try .json(report)
        }
    }
}
