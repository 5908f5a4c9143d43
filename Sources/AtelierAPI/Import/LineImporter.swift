import AtelierDomain
import AtelierREST
import Foundation

/// Loads an NDJSON body line by line through the same domain services as the single-record
/// endpoints (so identity, consent, idempotency and suppression rules apply alike), in
/// batches for events and profiles. Memory holds one chunk of the body and one batch;
/// a bad line is reported by number and never stops the others.
public struct LineImporter: Sendable {
    let tenantID: UUID
    let kind: ImportKind
    let ingestion: IngestionService
    let orders: OrderBook
    let catalogue: ItemCatalogue

    public init(
        tenantID: UUID, kind: ImportKind, ingestion: IngestionService, orders: OrderBook, catalogue: ItemCatalogue
    ) {
        self.tenantID = tenantID
        self.kind = kind
        self.ingestion = ingestion
        self.orders = orders
        self.catalogue = catalogue
    }

    static let maximumLineLength = 512 * 1024
    private static let batchSize = 500
    /// Events go set-based in chunks of this many lines (`IngestionService.importChunk`).
    private static let eventChunkSize = 20_000

    /// Loads every line; `progress` hears the bytes read so far.
    public func run(_ lines: BodyLines, progress: (Int) -> Void = { _ in }) async throws -> ImportReport {
        var report = ImportReport(kind: kind)
        var batch: [(line: Int, call: TrackingCall)] = []
        try await lines.forEach(maximumLineLength: Self.maximumLineLength, progress: progress) { number, line in
            try Task.checkCancellation()
            report.lines += 1
            guard let line else {
                report.reject(line: number, field: nil, detail: "The line is longer than \(Self.maximumLineLength) bytes.")
                return
            }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                report.lines -= 1
                return
            }
            switch kind {
            case .events, .profiles:
                do {
                    batch.append((number, try call(from: Array(line))))
                } catch let error as SegmentFieldError {
                    report.reject(line: number, field: error.field, detail: error.detail)
                }
                if batch.count >= (kind == .events ? Self.eventChunkSize : Self.batchSize) {
                    try await flush(&batch, into: &report)
                }
            case .orders:
                await record(line: number, into: &report) { try await recordOrder(Array(line)) }
            case .items:
                await record(line: number, into: &report) { try await upsertItem(Array(line)) }
            }
        }
        try await flush(&batch, into: &report)
        report.errors.sort { $0.line < $1.line }
        return report
    }

    private func call(from line: [UInt8]) throws(SegmentFieldError) -> TrackingCall {
        guard let value = JSONValueParser.parse(line) else {
            throw SegmentFieldError(field: "", detail: "The line is not a JSON object.")
        }
        return try SegmentCall.read(value, type: kind == .profiles ? .identify : nil)
    }

    private func flush(_ batch: inout [(line: Int, call: TrackingCall)], into report: inout ImportReport) async throws {
        guard !batch.isEmpty else { return }
        let calls = batch.map(\.call)
        let result =
            kind == .events
            ? try await ingestion.importChunk(tenantID: tenantID, calls: calls)
            : try await ingestion.ingest(tenantID: tenantID, calls: calls)
        report.accepted += result.accepted
        report.duplicates += result.duplicates
        for rejection in result.rejections {
            report.reject(line: batch[rejection.index].line, field: rejection.field, detail: rejection.detail)
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// Runs one single-record write; a refusal becomes the line's error, a created record
    /// counts as accepted and a repeat of a stored one as a duplicate.
    private func record(line: Int, into report: inout ImportReport, _ write: () async throws -> Bool) async {
        do {
            if try await write() { report.accepted += 1 } else { report.duplicates += 1 }
        } catch let problem as Problem {
            report.reject(line: line, problem: problem)
        } catch let error as DomainError {
            report.reject(line: line, problem: error.problem)
        } catch {
            report.reject(line: line, field: nil, detail: "The line could not be stored: \(error)")
        }
    }

    private func recordOrder(_ line: [UInt8]) async throws -> Bool {
        let submission = try JSONBody.decode(OrderRequest.self, from: line).submission()
        return try await orders.record(tenantID: tenantID, submission).created
    }

    private func upsertItem(_ line: [UInt8]) async throws -> Bool {
        guard case .object(var members)? = JSONValueParser.parse(line) else {
            throw Problem.invalidField("", expected: "a JSON object")
        }
        guard case .string(let sku)? = members.removeValue(forKey: "sku"), !sku.isEmpty, sku.count <= 200 else {
            throw Problem.invalidField("/sku", expected: "a SKU of 1 to 200 characters")
        }
        let details = try JSONBody.decode(ItemRequest.self, from: Array(JSONValue.object(members).jsonText.utf8)).details()
        return try await catalogue.upsert(tenantID: tenantID, sku: sku, details: details).created
    }
}
